import { describe, expect, it } from 'vitest'
import { describeSyncError } from './sync-errors'
import { checkRemoteUrl } from './sync-remote'

describe('the team server’s address', () => {
  it('takes https anywhere and plain http only on this machine', () => {
    expect(checkRemoteUrl('https://couch.example.org/our-story/')).toEqual({
      ok: true,
      remote: { url: 'https://couch.example.org/our-story', origin: 'https://couch.example.org', database: 'our-story' },
    })
    for (const loopback of ['http://127.0.0.1:5984/team', 'http://localhost:5984/team', 'http://[::1]:5984/team', 'http://127.8.9.10/team']) {
      expect(checkRemoteUrl(loopback).ok).toBe(true)
    }
    for (const [address, why] of [
      ['http://couch.example.org/team', /must be reached over https/],
      ['http://192.168.1.10:5984/team', /must be reached over https/],
      ['ftp://couch.example.org/team', /https, not ftp/],
      ['https://ana:secret@couch.example.org/team', /Leave the user name and password out/],
      ['https://couch.example.org/', /no database/],
      ['couch.example.org/team', /not a web address/],
    ] as const) {
      const checked = checkRemoteUrl(address)
      expect(checked.ok).toBe(false)
      expect(!checked.ok && checked.message).toMatch(why)
      // The password never comes back in a message.
      expect(!checked.ok && checked.message).not.toContain('secret')
    }
  })
})

describe('sync errors in plain words', () => {
  it('tells unreachable, wrong credentials, missing database and no permission apart', () => {
    const server = 'https://couch.example.org'
    expect(describeSyncError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), server).kind).toBe('unreachable')
    expect(describeSyncError({ status: 401, reason: 'Name or password is incorrect.' }, server).kind).toBe('wrong-credentials')
    expect(describeSyncError({ status: 401, reason: 'You are not authorized to access this db.' }, server).kind).toBe('no-permission')
    expect(describeSyncError({ status: 403, reason: 'You are not allowed to access this db.' }, server).kind).toBe('no-permission')
    expect(describeSyncError({ status: 404, name: 'not_found', reason: 'Database does not exist.' }, server).kind).toBe('database-missing')
    expect(describeSyncError(new Error('something odd'), server)).toEqual({ kind: 'other', message: expect.stringMatching(/something odd.*changes are kept/) })
  })
})
