import { describe, expect, it } from 'vitest'
import { serviceWithImports } from '../test-support/seeded-service'
import { tempDir } from '../test-support/temp-dir'

describe('the saved layout', () => {
  it('answers what was saved in the same session, and in the next one from the file', async () => {
    const dir = await tempDir()
    const { store, service } = await serviceWithImports(undefined, dir)
    expect(await service.getUiState({})).toEqual({ panes: [null, null], paneWeights: [1, 1] })
    const [first, second] = (await service.listArticles({})).articles
    const layout = { panes: [first!.id, second!.id], paneWeights: [2, 1] }
    await service.saveUiState(layout)
    // Read once, then kept: the saved layout replaces what was read.
    expect(await service.getUiState({})).toEqual(layout)
    await service.saveUiState({ ...layout, paneWeights: [1, 3] })
    expect(await service.getUiState({})).toEqual({ ...layout, paneWeights: [1, 3] })
    await store.close()

    const next = await serviceWithImports([], dir)
    expect(await next.service.getUiState({})).toEqual({ ...layout, paneWeights: [1, 3] })
    await next.store.close()
  })
})
