import { describe, expect, it } from 'vitest'
import { fieldIdFor, linkProblem, problemToErrors } from './problem'

describe('fieldIdFor', () => {
  it.each([
    ['body.email', 'email'],
    ['body.organisationName', 'organisationName'],
    ['body.address.postcode', 'address-postcode'],
    ['body.lots[0].title', 'lots-0-title'],
    ['path.id', undefined],
    ['query.page', undefined],
    [undefined, undefined],
  ])('maps %s to %s', (location, want) => {
    expect(fieldIdFor(location)).toBe(want)
  })
})

describe('problemToErrors', () => {
  it('gives each field its message and lists them in the server order', () => {
    const got = problemToErrors({
      status: 422,
      title: 'Unprocessable Entity',
      errors: [
        { location: 'body.password', message: 'Password is too common: choose another' },
        { location: 'body.email', message: 'Enter an email address in the correct format' },
      ],
    })
    expect(got.fields).toEqual({
      password: 'Password is too common: choose another',
      email: 'Enter an email address in the correct format',
    })
    expect(got.summary).toEqual([
      { field: 'password', text: 'Password is too common: choose another' },
      { field: 'email', text: 'Enter an email address in the correct format' },
    ])
  })

  it('replaces a validator message with the page’s plain English', () => {
    const got = problemToErrors(
      { status: 422, errors: [{ location: 'body.password', message: 'expected length >= 12' }] },
      { fields: { password: 'Password must be 12 characters or more' } },
    )
    expect(got.fields.password).toBe('Password must be 12 characters or more')
  })

  it('keeps only the first message for a field', () => {
    const got = problemToErrors({
      errors: [
        { location: 'body.email', message: 'first' },
        { location: 'body.email', message: 'second' },
      ],
    })
    expect(got.summary).toEqual([{ field: 'email', text: 'first' }])
  })

  it('uses the detail when no field is named', () => {
    const got = problemToErrors({ status: 400, title: 'Bad Request', detail: 'This link has expired' })
    expect(got.fields).toEqual({})
    expect(got.summary).toEqual([{ text: 'This link has expired' }])
  })

  it('lists an error outside the body without a field link', () => {
    const got = problemToErrors({ errors: [{ location: 'query.page', message: 'Page must be a number' }] })
    expect(got.summary).toEqual([{ text: 'Page must be a number', field: undefined }])
  })
})

describe('linkProblem', () => {
  it('returns the message about the token of an emailed link', () => {
    const got = linkProblem({
      status: 422,
      detail: 'This link has already been used. Ask for a new one if you still need it.',
      errors: [{ location: 'body.token', message: 'This link has already been used. Ask for a new one if you still need it.' }],
    })
    expect(got).toBe('This link has already been used. Ask for a new one if you still need it.')
  })

  it('returns undefined for a problem with another field', () => {
    expect(linkProblem({ status: 422, errors: [{ location: 'body.password', message: 'Too common' }] })).toBeUndefined()
  })
})
