/**
 * State kept outside React: components subscribe (useSyncExternalStore) and re-render when
 * `version` moves. LiveStore, DisplayedCity and PlacesStore share this one mechanism.
 */
export class VersionedStore {
  version = 0;
  /**
   * Moves with the store's own changes (a drawn measure, a loaded answer) but not when it only passes on
   * that what it follows changed: the map redraws for its own changes at once, for new data at its pace.
   */
  ownVersion = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  protected notify(): void {
    this.ownVersion += 1;
    this.notifyFollowing();
  }

  /** Re-renders subscribers because what the store derives from (the displayed city) moved, not the store itself. */
  protected notifyFollowing(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }
}
