// Which of their organisations a supplier acts for, when they belong to several
// (a consultant bidding for two charities). The choice is the browser's: it is
// kept in local storage, and every page that acts for an organisation names it
// to the API, which refuses to guess for someone in several.
import { useSyncExternalStore } from 'react'

const KEY = 'fairtender.actingFor'
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('storage', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', listener)
  }
}

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY)
  } catch {
    return null // storage refused (a private window): the first organisation it is
  }
}

/** chooseOrganisation makes the organisation the one this browser acts for. */
export function chooseOrganisation(id: string): void {
  try {
    window.localStorage.setItem(KEY, id)
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  chosenInMemory = id
  listeners.forEach((l) => l())
}

let chosenInMemory: string | null = null

/** useChosenOrganisation is the organisation chosen in this browser, if any. */
export function useChosenOrganisation(): string | null {
  return useSyncExternalStore(subscribe, () => read() ?? chosenInMemory)
}
