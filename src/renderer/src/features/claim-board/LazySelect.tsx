// A select drawn as a small button showing its current value until it is used: the card's grade and
// stance pickers. A card with three pieces of evidence carried 81 <option>s (a source's reliability,
// 7; each piece's stance, 3, and credibility, 7): about 70% of its elements, built by React and styled
// by the browser on the board's first render for lists nobody had opened. The button becomes the
// real <select> when clicked or on Enter, Space or an arrow key, with the focus in it; from there the
// keyboard works as on any select (arrow keys choose, each choice saved as it is made), and the
// select turns back into a button when the focus leaves it, or on Escape (focus back on the button).
// The button's accessible name is the select's followed by the value it shows (so a speech user can
// say what is seen); its title spells the value out, as the select's did.

import { useEffect, useRef, useState } from 'react'

export interface Choice {
  value: string
  label: string
  title?: string
  /** How the value reads in the button's name when its label is a mark: "not graded" for "–". */
  spoken?: string
}

interface Props {
  /** The select's accessible name; the button's adds the value it shows. */
  label: string
  title?: string
  value: string
  /** Every choice: a constant list, so nothing is built per card. */
  choices: readonly Choice[]
  className?: string
  onChoose: (value: string) => void
}

/** Keys that open the select from its button (Enter and Space click a button anyway). */
const OPENING_KEYS = new Set(['ArrowDown', 'ArrowUp'])

export function LazySelect({ label, title, value, choices, className, onChoose }: Props) {
  // null: closed; otherwise how it was opened (a pointer opens the list too, as a select's click would).
  const [opened, setOpened] = useState<'pointer' | 'keyboard' | null>(null)
  const selectRef = useRef<HTMLSelectElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const focusButton = useRef(false)

  useEffect(() => {
    if (opened === 'pointer') {
      try {
        // One click opens the list, as on the select it stands for; a browser without showPicker
        // (or one refusing it) leaves the select focused, a second click away.
        selectRef.current?.showPicker()
      } catch {
        // The select is focused either way.
      }
    }
    if (opened === null && focusButton.current) {
      focusButton.current = false
      buttonRef.current?.focus()
    }
  }, [opened])

  if (opened === null) {
    const chosen = choices.find((c) => c.value === value)
    const shown = chosen?.label ?? value
    return (
      <button
        ref={buttonRef}
        type="button"
        className={`lazy-select${className ? ` ${className}` : ''}`}
        // The name says the value the button shows (a select's name and value are read apart).
        aria-label={`${label}: ${chosen?.spoken ?? shown}`}
        aria-haspopup="listbox"
        title={title}
        onClick={(e) => setOpened(e.detail > 0 ? 'pointer' : 'keyboard')}
        onKeyDown={(e) => {
          if (!OPENING_KEYS.has(e.key)) return
          e.preventDefault()
          setOpened('keyboard')
        }}
      >
        {shown}
      </button>
    )
  }
  return (
    <select
      ref={selectRef}
      className={className}
      aria-label={label}
      title={title}
      value={value}
      autoFocus
      onBlur={() => setOpened(null)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        focusButton.current = true
        setOpened(null)
      }}
      onChange={(e) => onChoose(e.target.value)}
    >
      {choices.map((c) => (
        <option key={c.value} value={c.value} title={c.title}>
          {c.label}
        </option>
      ))}
    </select>
  )
}
