import { configure, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../../test/fetch'
import { renderPage } from '../../../../test/render'
import { fieldProblem, signedIn } from '../test-server'
import { AccountDeleted, DeleteAccount } from './delete-account'

configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/account/settings/delete" element={<DeleteAccount />} />
    <Route path="/account/settings/deleted" element={<AccountDeleted />} />
  </>
)

describe('DeleteAccount', { timeout: 60_000 }, () => {
  it('says what is deleted and kept, closes the only member’s organisation, and deletes after the password', async () => {
    const seen = signedIn(async (req, url) => {
      if (url.pathname === '/api/v1/me/deletion')
        return json(200, { canDelete: true, organisations: [{ id: 'o1', name: 'Patel Cleaning', outcome: 'close', otherMembers: 0 }] })
      if (url.pathname === '/api/v1/me/delete') {
        const body = await req.json()
        if (body.password !== 'my real password') return fieldProblem('password', 'The password is not right. Enter the password you sign in with')
        return json(200, { message: 'Your account has been deleted.' })
      }
      return undefined
    })
    renderPage(routes, '/account/settings/delete')
    expect(await screen.findByRole('heading', { name: 'What we delete' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'What the council must keep' })).toBeInTheDocument()
    expect(screen.getByText(/You are the only member of Patel Cleaning, so it will be closed/)).toBeInTheDocument()
    expect(screen.getByText('You cannot undo this.')).toBeInTheDocument()
    expect(screen.getByText(/one last email to your address, saying your account was deleted and what happened to your data/)).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Delete your account' }))
    expect(await screen.findByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password')
    expect(seen.some((r) => r.url.endsWith('/me/delete'))).toBe(false)

    await userEvent.type(screen.getByLabelText('Enter your password to confirm'), 'a guess')
    await userEvent.click(screen.getByRole('button', { name: 'Delete your account' }))
    expect(await screen.findByRole('link', { name: /password is not right/ })).toHaveAttribute('href', '#password')

    await userEvent.clear(screen.getByLabelText('Enter your password to confirm'))
    await userEvent.type(screen.getByLabelText('Enter your password to confirm'), 'my real password')
    await userEvent.click(screen.getByRole('button', { name: 'Delete your account' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account has been deleted' })).toBeInTheDocument()
    expect(screen.getByTestId('location')).toHaveTextContent('/account/settings/deleted')
    expect(screen.getByText(/sent a last email to the address you had/)).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('asks the last owner to hand over first, with no way to delete yet', async () => {
    signedIn((_req, url) =>
      url.pathname === '/api/v1/me/deletion'
        ? json(200, { canDelete: false, organisations: [{ id: 'o1', name: 'Patel Cleaning', outcome: 'hand_over_first', otherMembers: 2 }] })
        : undefined,
    )
    renderPage(routes, '/account/settings/delete')
    expect(await screen.findByText(/You are the only owner of Patel Cleaning, and 2 other people belong to it/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Manage your organisation’s members' })).toHaveAttribute('href', '/members')
    expect(screen.queryByRole('button', { name: 'Delete your account' })).not.toBeInTheDocument()
    expect(screen.queryByLabelText('Enter your password to confirm')).not.toBeInTheDocument()
  })
})
