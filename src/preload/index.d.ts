import type { PreloadBridge } from '../shared/api'

declare global {
  interface Window {
    /** Present only in the desktop app; the browser shell talks HTTP instead. */
    triangulate?: PreloadBridge
  }
}

export {}
