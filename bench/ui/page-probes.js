// Injected into the page by the bench (Playwright addInitScript) before the app's own scripts: notes
// when what a figure waits for is on screen. Plain browser JavaScript, not compiled, so nothing can
// inject helpers into it; it only reads the DOM and the clock, never touches the app.
//
// window.__triangulateBench.watch(name, selector, atLeast, exactly) starts waiting for `atLeast`
// elements matching `selector` (0 = for none left; with `exactly`, for that many and no more);
// .result(name) resolves with { domAt, paintAt } in performance.now() time: domAt when the elements
// are in the DOM, paintAt after the next frame. .lastClickAt, .lastInputAt and .lastDropAt are the
// timeStamps of the latest click, input (typing, a fill) and drop (input time, same clock).
;(() => {
  const watches = new Map()

  const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

  function watch(name, selector, atLeast, exactly = false) {
    const done = (count) => (atLeast === 0 || exactly ? count === atLeast : count >= atLeast)
    const promise = new Promise((resolve) => {
      let observer = null
      const check = () => {
        if (!done(document.querySelectorAll(selector).length)) return
        observer?.disconnect()
        const domAt = performance.now()
        afterNextPaint().then(() => resolve({ domAt, paintAt: performance.now() }))
        return true
      }
      if (check()) return
      observer = new MutationObserver(check)
      observer.observe(document, { childList: true, subtree: true })
    })
    watches.set(name, promise)
  }

  const bench = {
    lastClickAt: null,
    lastInputAt: null,
    lastDropAt: null,
    watch,
    result: (name) => watches.get(name) ?? Promise.reject(new Error(`no watch named ${name}`)),
    /**
     * Resource timing of the latest call to an API operation (or of the first, with `first`), or null.
     * The board's first render is timed from its first request: the first screen's board, which the
     * full board's request follows once it is drawn.
     */
    apiTiming: (operation, first = false) => {
      const entries = performance.getEntriesByType('resource').filter((e) => e.name.endsWith(`/api/${operation}`))
      const entry = first ? entries[0] : entries[entries.length - 1]
      return entry ? { startTime: entry.startTime, responseEnd: entry.responseEnd, transferSize: entry.transferSize } : null
    },
  }
  window.__triangulateBench = bench
  document.addEventListener('click', (event) => (bench.lastClickAt = event.timeStamp), { capture: true })
  document.addEventListener('input', (event) => (bench.lastInputAt = event.timeStamp), { capture: true })
  document.addEventListener('drop', (event) => (bench.lastDropAt = event.timeStamp), { capture: true })
  // Fixed at start-up from the bench's config (set by an earlier init script): watches that must
  // begin before the app renders anything.
  for (const [name, selector, atLeast] of window.__triangulateBenchWatches ?? []) watch(name, selector, atLeast)
})()
