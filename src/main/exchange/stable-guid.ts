// GUIDs for exchange formats that demand them (REFI-QDA's GUIDType) made from our own ids, so the
// same record gets the same GUID in every export and a receiving tool can tell a re-import of a
// record from a new one. A name-based UUID, version 5 of RFC 9562: SHA-1 of a namespace and a name.

import { createHash } from 'node:crypto'

/** Triangulate's own UUID namespace (generated once, at random); changing it would change every GUID ever exported. */
const TRIANGULATE_NAMESPACE = 'a6c1f0f4-5d0e-4c43-9b55-2f8e7d1c3a90'

const namespaceBytes = Buffer.from(TRIANGULATE_NAMESPACE.replace(/-/g, ''), 'hex')

/** A stable UUID for one record: `kind` keeps a claim and a highlight that share an id apart. */
export function stableGuid(kind: string, id: string): string {
  const hash = createHash('sha1').update(namespaceBytes).update(`${kind}:${id}`, 'utf8').digest()
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50 // version 5
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80 // RFC variant
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
