import { api, call, type LocalAuthority } from '../../api/client'
import type { SelectGroup } from '../../components/select/select'
import { failed, useLoad } from '../../lib/use-load'

let cached: Promise<LocalAuthority[]> | undefined

/** loadLocalAuthorities fetches the UK list once per page load; it hardly ever changes. */
export function loadLocalAuthorities(): Promise<LocalAuthority[]> {
  cached ??= call(api.GET('/api/v1/local-authorities')).then(
    (r) => r.items ?? [],
    (err: unknown) => {
      cached = undefined
      throw err
    },
  )
  return cached!
}

/** groupByRegion arranges authorities under their regions, both in alphabetical order. */
export function groupByRegion(las: LocalAuthority[]): SelectGroup[] {
  const regions = new Map<string, LocalAuthority[]>()
  for (const la of las) regions.set(la.region, [...(regions.get(la.region) ?? []), la])
  return [...regions.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
    .map(([region, items]) => ({
      label: region,
      options: items.sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((la) => ({ value: la.code, text: la.name })),
    }))
}

/** useLocalAuthorities returns the list (empty until loaded) and whether it failed to load. */
export function useLocalAuthorities(): { list: LocalAuthority[]; failed: boolean } {
  const { load } = useLoad(loadLocalAuthorities, [])
  return { list: load.kind === 'ready' ? load.data : [], failed: failed(load) }
}
