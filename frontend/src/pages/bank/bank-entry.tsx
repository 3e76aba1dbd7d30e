// The bank details a supplier is entering, kept between the page that asks for
// them and the page that checks them before they are sent.
import { createContext, useContext, useState } from 'react'
import { Link, Outlet } from 'react-router'
import type { BankDetails } from '../../api/client'
import type { SummaryError } from '../../forms/problem'

/** What the person typed, as they typed it. */
export interface BankValues {
  accountName: string
  sortCode: string
  accountNumber: string
}

/** The fields, in the order the form shows them. */
export const emptyBankValues: BankValues = { accountName: '', sortCode: '', accountNumber: '' }

interface Entry {
  values?: BankValues
  setValues: (v: BankValues | undefined) => void
}

const EntryContext = createContext<Entry>({ setValues: () => {} })

/**
 * BankEntry holds the details being entered for the pages under it. They live
 * in memory only, never in the browser's history or storage: a whole account
 * number must not outlive the page that sends it.
 */
export function BankEntry() {
  const [values, setValues] = useState<BankValues>()
  return (
    <EntryContext.Provider value={{ values, setValues }}>
      <Outlet />
    </EntryContext.Provider>
  )
}

/** useBankEntry is the details being entered, and how to keep or forget them. */
export function useBankEntry(): Entry {
  return useContext(EntryContext)
}

const digits = (s: string) => s.replace(/[\s\-–]/g, '')

/**
 * checkBankValues finds what the server would refuse, with its words, so the
 * person learns of a mistake on the page where they typed it, before the
 * check page.
 */
export function checkBankValues(v: BankValues): SummaryError[] {
  const out: SummaryError[] = []
  if (!v.accountName.trim()) out.push({ field: 'accountName', text: 'Enter the name on the account' })
  const sort = digits(v.sortCode)
  if (!sort) out.push({ field: 'sortCode', text: 'Enter a sort code' })
  else if (!/^\d{6}$/.test(sort)) out.push({ field: 'sortCode', text: 'Enter a valid sort code, like 309430' })
  const account = digits(v.accountNumber)
  if (!account) out.push({ field: 'accountNumber', text: 'Enter an account number' })
  else if (!/^\d{8}$/.test(account)) out.push({ field: 'accountNumber', text: 'Enter an account number that is 8 digits long, like 00733445' })
  return out
}

/** formatSortCode shows a sort code as the council does: 30-94-30. */
export function formatSortCode(s: string): string {
  const d = digits(s)
  return d.length === 6 ? `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}` : s
}

/** lastFour is the only part of an account number shown once it is typed. */
export function lastFour(account: string): string {
  return digits(account).slice(-4)
}

function days(n: number, unit = 'working day') {
  return `${n} ${unit}${n === 1 ? '' : 's'}`
}

/** usualTime says how long first details usually take, from the council's settings. */
export function usualTime(d: Pick<BankDetails, 'checkWorkdays' | 'coolingOffWorkdays'>): string {
  return `about ${days(d.checkWorkdays + d.coolingOffWorkdays)}`
}

/**
 * FirstDetailsNext tells a supplier with no bank details on record what
 * happens to their first ones once sent, and how long it usually takes.
 */
export function FirstDetailsNext({ details }: { details: BankDetails }) {
  return (
    <>
      <p className="govuk-body">After you send them:</p>
      <ol className="govuk-list govuk-list--number">
        <li>we email every owner of your organisation about them, so they can stop them if they were not given by you</li>
        <li>
          a council officer{' '}
          <Link className="govuk-link" to="/glossary#call-back">
            calls your organisation back
          </Link>{' '}
          to check you gave them. They call a number on your profile that we have held
          for at least {days(details.callbackDays, 'day')}. If you are newer than that, they call a number they find themselves in a
          source you do not control, such as your Companies House or charity register record, or your website, so make sure it is
          answered
        </li>
        <li>a second council officer, not the one who called, approves them</li>
        <li>
          after a{' '}
          <Link className="govuk-link" to="/glossary#cooling-off-period">
            cooling-off period
          </Link>{' '}
          of {days(details.coolingOffWorkdays)}, we start paying into the account
        </li>
      </ol>
      <p className="govuk-body">
        The checks usually take up to {days(details.checkWorkdays)}, so it is usually {usualTime(details)} before we can pay you. We
        cannot pay your organisation until then.
      </p>
    </>
  )
}
