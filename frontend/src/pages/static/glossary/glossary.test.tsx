import { screen } from '@testing-library/react'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { Glossary } from './glossary'
import { terms } from './terms'

// Vitest runs from frontend/ (jsdom gives import.meta.url no file: address).
const src = join(process.cwd(), 'src')

// Every /glossary#anchor the pages link to.
function anchorsUsed(): Set<string> {
  const used = new Set<string>()
  for (const f of readdirSync(src, { recursive: true }) as string[]) {
    if (!/\.tsx?$/.test(f) || /\.test\.tsx?$/.test(f)) continue
    for (const m of readFileSync(join(src, f), 'utf8').matchAll(/\/glossary#([a-z0-9-]+)/g)) used.add(m[1])
  }
  return used
}

describe('the glossary', () => {
  it('explains the words the pages use about buying, insurance and ethical standards', async () => {
    mockServer(anonymous)
    renderPage(<Route path="/glossary" element={<Glossary />} />, '/glossary')
    await screen.findByRole('heading', { level: 1, name: 'Glossary' })
    const wanted: [string, string, RegExp][] = [
      ['threshold', 'Threshold', /Procurement Act 2023/],
      ['open-tender', 'Open tender', /open procedure/],
      ['quick-quote', 'Quick quote', /below the threshold/],
      ['call-for-competition', 'Call for competition', /only suppliers already on the list/i],
      ['london-living-wage', 'London Living Wage', /Living Wage Foundation/],
      ['end-violence-at-work-charter', 'End Violence at Work Charter', /violence, threats and abuse/],
      ['safer-urban-driving', 'Safer Urban Driving', /walking and cycling/],
      ['unison-ethical-care-charter', 'UNISON Ethical Care Charter', /travel time/],
      ['public-liability', 'Public liability insurance', /member of the public/],
      ['employers-liability', 'Employer’s liability insurance', /£5 million/],
      ['professional-indemnity', 'Professional indemnity insurance', /advice, design/],
      ['feed-reader', 'Feed reader', /Atom feed/],
    ]
    for (const [id, name, says] of wanted) {
      const heading = screen.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) })
      expect(heading, name).toHaveAttribute('id', id)
      expect(heading.closest('section')?.textContent, name).toMatch(says)
    }
  })

  it('is in alphabetical order, one entry per anchor, and has every anchor the pages link to', () => {
    const names = terms.map((t) => t.term)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')))
    const ids = terms.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    const missing = [...anchorsUsed()].filter((a) => !ids.includes(a))
    expect(missing).toEqual([])
  })
})
