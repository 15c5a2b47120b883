// The team's server address, checked before anything is sent to it (issue 19). Pure.
// Rules: http(s) only; TLS (https) is required unless the server is on this machine (loopback), as
// the password and the team's claims would otherwise cross the network in clear; no credentials in
// the address, as an address is shown, logged and saved with the settings, and credentials never are.

export interface RemoteAddress {
  /** The database URL as given, normalised (no trailing slash), without credentials. */
  url: string
  /** scheme://host:port: the one origin the sync may reach. */
  origin: string
  /** The database's name (the last path segment). */
  database: string
}

export type RemoteCheck = { ok: true; remote: RemoteAddress } | { ok: false; message: string }

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return /^127(?:\.\d{1,3}){3}$/.test(host)
}

export function checkRemoteUrl(raw: string): RemoteCheck {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { ok: false, message: `“${raw}” is not a web address. Give the database’s full address, e.g. https://couch.example.org/our-story.` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `The sync server is reached over https, not ${url.protocol.replace(':', '')}. Give an https:// address.` }
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message:
        'Leave the user name and password out of the address: it is shown and saved with the settings. Enter them as the sync credentials instead (the desktop app keeps them encrypted; the CLI and browser shell read TRIANGULATE_SYNC_USER and TRIANGULATE_SYNC_PASSWORD, or the file named by TRIANGULATE_SYNC_CREDENTIALS_FILE).',
    }
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `The sync server ${url.host} must be reached over https: without TLS the team’s password and claims would cross the network readable by anyone on it. Plain http is accepted only for a server on this machine (127.0.0.1, localhost).`,
    }
  }
  if (url.search || url.hash) return { ok: false, message: 'The database address takes no ?query or #fragment: give only the server and the database name.' }
  const path = url.pathname.replace(/\/+$/, '')
  const database = decodeURIComponent(path.split('/').pop() ?? '')
  if (!database) return { ok: false, message: `The address ${url.origin} names a server but no database: add the team database’s name, e.g. ${url.origin}/our-story.` }
  return { ok: true, remote: { url: `${url.origin}${path}`, origin: url.origin, database } }
}
