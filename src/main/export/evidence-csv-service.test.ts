// The evidence CSV streamed to a file by the service (the desktop app's Export CSV, the CLI's
// `export csv`) against the browser shell's download of the same export (the whole board, built at
// once, written by csv-stringify), on the seeds through the real store: the file builds its cards one
// claim at a time and reads only the parts of them the CSV writes, so this checks that every column
// still comes out the same — origins from the provenance index, figures, the accepted figure, the
// event date, a claim without evidence — and that Python's csv module reads the file back.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLAIM_CSV_COLUMNS } from './claims-csv'
import { serviceWithImports } from '../test-support/seeded-service'
import { readCsvWithPython } from '../test-support/python-readers'
import { tempDir } from '../test-support/temp-dir'

describe('the evidence CSV written to a file by the service', () => {
  it('is byte for byte the in-memory export, whole and for chosen claims, and Python reads it back', async () => {
    const { service, highlight } = await serviceWithImports()
    await service.derivedIndexes.updateAll()
    const toll = await service.createClaim({ text: 'The Sweida clashes killed more than 1,400 people' })
    const baku = await service.createClaim({ text: '=Syrian and Israeli officials met in Baku, "on 12 July"' })
    const empty = await service.createClaim({ text: 'No evidence yet' })
    const link = async (claimId: string, phrase: string, stance: 'supports' | 'contradicts' | 'context') =>
      service.linkEvidence({ claimId, highlightId: (await highlight(phrase)).id, stance })
    const tollLink = await link(toll.id, 'more than 1,400 deaths', 'supports')
    await link(toll.id, 'killed over 1400 people', 'supports')
    await link(toll.id, 'The fighting reportedly resulted in hundreds of casualties.', 'contradicts')
    await link(baku.id, 'Syrian and Israeli envoys had previously met in Baku on July 12', 'supports')
    await link(baku.id, 'Shaibani and Dermer previously met in Baku on 12 July', 'context')
    await service.setClaimFigure({ claimId: toll.id, figure: { linkId: tollLink.id, index: 0 }, reason: 'SOHR' })
    await service.setClaimEventDate({ claimId: baku.id, eventDate: '2025-07-12' })

    const dir = await tempDir()
    for (const [n, options] of [{}, { bom: false }, { claimIds: [baku.id, empty.id] }].entries()) {
      const file = join(dir, `evidence-${n}.csv`)
      const claims = options.claimIds?.length ?? 3
      expect(await service.writeClaimsCsvFile(file, options)).toEqual({ rows: claims === 3 ? 6 : 3, claims })
      expect(await readFile(file, 'utf8')).toBe((await service.exportClaimsCsv(options)).content)
    }

    const rows = await readCsvWithPython(join(dir, 'evidence-0.csv'))
    expect(rows[0]).toEqual([...CLAIM_CSV_COLUMNS])
    const records = rows.slice(1).map((r) => Object.fromEntries(CLAIM_CSV_COLUMNS.map((name, i) => [name, r[i]])))
    expect(records.map((r) => [r.claim, r.stance])).toEqual([
      ['The Sweida clashes killed more than 1,400 people', 'supports'],
      ['The Sweida clashes killed more than 1,400 people', 'supports'],
      ['The Sweida clashes killed more than 1,400 people', 'contradicts'],
      ['\'=Syrian and Israeli officials met in Baku, "on 12 July"', 'supports'],
      ['\'=Syrian and Israeli officials met in Baku, "on 12 July"', 'context'],
      ['No evidence yet', ''],
    ])
    expect(records.slice(0, 3).map((r) => r.claim_figure)).toEqual(['1401.. deaths', '1401.. deaths', '1401.. deaths'])
    expect(records.slice(0, 2).map((r) => r.figures)).toEqual(['1401.. deaths', '1401.. deaths'])
    expect(records.slice(3, 5).map((r) => r.event_date)).toEqual(['2025-07-12', '2025-07-12'])
    // The provenance index's origins: the Baku sentences trace to AFP.
    expect(records.slice(3, 5).every((r) => r.origins!.split('; ').includes('AFP'))).toBe(true)
  })
})
