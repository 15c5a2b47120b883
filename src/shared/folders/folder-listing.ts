// What the folder chooser of the browser shell is shown: the folders inside one folder on this
// machine, and the folders imported from lately. Only folder names and paths, never file contents.

export interface FolderEntry {
  name: string
  path: string
}

export interface FolderListing {
  /** The folder listed, absolute. */
  path: string
  /** Its parent, or null at the root of the file system. */
  parent: string | null
  /** The folders directly inside it, by name; hidden ones (".git") left out. */
  folders: FolderEntry[]
  /** More folders than are listed: the rest are left out (type the path instead). */
  truncated: boolean
  /** Folders imported or watched lately, most recent first, that still exist. */
  recent: string[]
}

/** A folder of 100,000 subfolders would make a useless list and a slow answer. */
export const MAX_LISTED_FOLDERS = 2_000
/** Recent folders remembered in the store. */
export const MAX_RECENT_FOLDERS = 8
