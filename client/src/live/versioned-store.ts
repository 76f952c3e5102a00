/**
 * State kept outside React: components subscribe (useSyncExternalStore) and re-render when
 * `version` moves. LiveStore, DisplayedCity and PlacesStore share this one mechanism.
 */
export class VersionedStore {
  version = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  protected notify(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }
}
