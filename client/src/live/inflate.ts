/** Raw DEFLATE (RFC 1951) to bytes with the platform's DecompressionStream (browsers, Node ≥ 18). */
export async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Binary as socket.io hands it over: an ArrayBuffer in a browser, a Buffer (a Uint8Array) in Node. */
export function bytesOf(x: Uint8Array | ArrayBuffer): Uint8Array {
  return x instanceof Uint8Array ? x : new Uint8Array(x);
}
