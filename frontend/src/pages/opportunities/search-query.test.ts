import { describe, expect, it } from 'vitest'
import { searchProblem } from './search-problem'
import { anyFilter, apiQuery, clearFiltersHref, feedHref, searchQuery, searchValuesFrom, selectedFilters } from './search-query'

const from = (qs: string) => searchValuesFrom(new URLSearchParams(qs))

describe('searchQuery', () => {
  it('writes the form as the API’s parameters, in a fixed order, leaving out what is not set', () => {
    const v = { ...from(''), q: ' graffiti ', procedure: 'quick_quote', suitableForSmes: 'true', value: '25k-100k', closingWithinDays: '14' }
    expect(searchQuery(v)).toBe(
      '?q=graffiti&minValuePence=2500001&maxValuePence=10000000&procedure=quick_quote&closingWithinDays=14&suitableForSmes=true',
    )
    expect(searchQuery(v, 3)).toContain('&page=3')
    expect(searchQuery(from(''))).toBe('')
  })

  it('gives an open-ended band one bound only', () => {
    expect(searchQuery({ ...from(''), value: 'over-2m' })).toBe('?minValuePence=200000001')
    expect(searchQuery({ ...from(''), value: 'up-to-25k' })).toBe('?maxValuePence=2500000')
  })

  it('leaves out the default status and "most relevant" without words', () => {
    expect(searchQuery({ ...from(''), status: 'open', sort: 'relevance' })).toBe('')
    expect(searchQuery({ ...from(''), q: 'parks', sort: 'relevance' })).toBe('?q=parks&sort=relevance')
    expect(searchQuery({ ...from(''), sort: 'newest' })).toBe('?sort=newest')
  })

  it('reads back what it wrote', () => {
    const qs = '?q=parks&cpv=90690000&locality=local&minValuePence=10000001&maxValuePence=50000000&procedure=open_tender&status=closed&closingWithinDays=7&suitableForSmes=true&suitableForVcses=true&sort=newest'
    const v = from(qs)
    expect(v.value).toBe('100k-500k')
    expect(searchQuery(v)).toBe(qs)
  })

  it('keeps bounds that match no band as they are', () => {
    const v = from('minValuePence=12345')
    expect(v.value).toBe('custom')
    expect(searchQuery(v)).toBe('?minValuePence=12345')
    expect(selectedFilters(v)[0].label).toBe('Value: £123.45 or more')
  })
})

describe('apiQuery and feedHref', () => {
  it('pass the address’s parameters as they are, malformed too, and nothing else', () => {
    const p = new URLSearchParams('q=parks&closingWithinDays=soon&utm_source=x&page=2')
    expect(apiQuery(p)).toEqual({ q: 'parks', closingWithinDays: 'soon', page: '2' })
    expect(feedHref(p)).toBe('/api/v1/feeds/opportunities.atom?q=parks&closingWithinDays=soon')
    expect(feedHref(new URLSearchParams())).toBe('/api/v1/feeds/opportunities.atom')
  })
})

describe('selectedFilters', () => {
  it('names each filter in words, with the same search without it', () => {
    const v = from('q=parks&procedure=quick_quote&suitableForVcses=true&page=4')
    expect(selectedFilters(v)).toEqual([
      { name: 'procedure', label: 'How to bid: Quick quote', removeHref: '/opportunities?q=parks&suitableForVcses=true' },
      { name: 'suitableForVcses', label: 'Suitable for VCSEs', removeHref: '/opportunities?q=parks&procedure=quick_quote' },
    ])
    expect(anyFilter(v)).toBe(true)
    expect(clearFiltersHref(v)).toBe('/opportunities?q=parks')
    expect(anyFilter(from('q=parks&sort=newest'))).toBe(false)
  })

  it('removes both bounds of the value band together', () => {
    const [f] = selectedFilters(from('minValuePence=2500001&maxValuePence=10000000'))
    expect(f).toEqual({ name: 'value', label: 'Value: £25,000 to £100,000', removeHref: '/opportunities' })
  })
})

describe('searchProblem', () => {
  it('links each refused parameter to the field that sets it, in plain English', () => {
    const got = searchProblem({
      status: 422,
      errors: [
        { location: 'body.cpv', message: 'Enter a CPV code such as 45000000-7' },
        { location: 'query.closingWithinDays', message: 'expected integer' },
        { location: 'body.maxValuePence', message: 'The highest value must be more than the lowest value' },
      ],
    })
    expect(got.summary).toEqual([
      { field: 'cpv', text: 'Enter a CPV code such as 45000000-7' },
      { field: 'closingWithinDays', text: 'Choose how soon it closes from the list' },
      { field: 'value', text: 'The highest value must be more than the lowest value' },
    ])
  })

  it('links what no filter sets, or a problem without fields, to the search box', () => {
    expect(searchProblem({ status: 422, errors: [{ location: 'query.page', message: 'expected number >= 1' }] }).summary).toEqual([
      { field: 'q', text: 'The web address of this search is not right. Change your search and try again' },
    ])
    expect(searchProblem({ status: 422, title: 'Unprocessable Entity' }).fields).toEqual({
      q: 'The web address of this search is not right. Change your search and try again',
    })
  })
})
