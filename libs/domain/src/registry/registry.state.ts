/** A registry entry's stream only needs to know whether the entry exists: its rules look across entries. */
export interface RegistryState {
  readonly exists: boolean;
}
