import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { connectAsync } from 'mqtt';

export interface TestBroker {
  url: string;
  kind: 'mosquitto' | 'aedes';
  stop(): Promise<void>;
}

const MOSQUITTO_URL = 'mqtt://127.0.0.1:1883';

async function answersMqtt(url: string): Promise<boolean> {
  try {
    const client = await connectAsync(url, { connectTimeout: 1500, reconnectPeriod: 0 });
    await client.endAsync(true);
    return true;
  } catch {
    return false;
  }
}

/** An MQTT broker on a free port of 127.0.0.1, inside this process. */
export async function startAedes(port = 0): Promise<TestBroker> {
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    kind: 'aedes',
    async stop() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The broker for the MQTT tests: the Mosquitto on 127.0.0.1:1883 when it answers (CI always uses it and
 * fails without it), else an in-process aedes so `npm test` passes on a machine without a broker.
 * MQTT_TEST_BROKER=aedes forces the fallback outside CI. The choice is printed, so a log shows it.
 */
export async function startTestBroker(o: { mosquittoUrl?: string; ci?: boolean } = {}): Promise<TestBroker> {
  const mosquittoUrl = o.mosquittoUrl ?? MOSQUITTO_URL;
  const ci = o.ci ?? process.env.CI === 'true';
  const forceAedes = !ci && process.env.MQTT_TEST_BROKER === 'aedes';
  if (!forceAedes && (await answersMqtt(mosquittoUrl))) {
    console.log(`MQTT tests against mosquitto at ${mosquittoUrl}`);
    return { url: mosquittoUrl, kind: 'mosquitto', stop: async () => undefined };
  }
  if (ci) {
    throw new Error(`CI runs the MQTT tests against Mosquitto at ${mosquittoUrl}, and nothing answers there (start it: mosquitto -d -c /etc/mosquitto/mosquitto.conf)`);
  }
  const broker = await startAedes();
  const why = forceAedes ? 'MQTT_TEST_BROKER=aedes' : `no broker answers at ${mosquittoUrl}`;
  console.log(`MQTT tests against an in-process aedes at ${broker.url} (${why})`);
  return broker;
}
