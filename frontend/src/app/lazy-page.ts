// Pages that load with their area's chunk on first use, to keep the first page small.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

/** lazyPage is one page out of an area's chunk, loaded when it is first shown. */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

/** lazyPages is several pages out of an area's chunk, by name, each loaded when it is first shown. */
export function lazyPages<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  names: readonly K[],
): Record<K, LazyExoticComponent<ComponentType>> {
  return Object.fromEntries(names.map((n) => [n, lazyPage(load, n)])) as Record<K, LazyExoticComponent<ComponentType>>
}
