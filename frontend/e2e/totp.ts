// The codes an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps,
// 6 digits), computed in the test from the key the set-up page shows, as a
// person's phone would.
import { createHmac } from 'node:crypto'

function base32(key: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of key.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c)
    if (v < 0) throw new Error(`e2e: ${c} is not base32`)
    bits += v.toString(2).padStart(5, '0')
  }
  const bytes = bits.match(/.{8}/g) ?? []
  return Buffer.from(bytes.map((b) => parseInt(b, 2)))
}

/** codeAt is the 6-digit code for the 30-second step `step`. */
export function codeAt(key: string, step: number): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32(key)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(n).padStart(6, '0')
}

const lastUsed = new Map<string, number>()

/**
 * freshCode returns the code showing now, first waiting for the next 30-second
 * step when this key's code for this step was already used: the server refuses a
 * code twice, as it should.
 */
export async function freshCode(key: string): Promise<string> {
  let step = Math.floor(Date.now() / 30_000)
  const last = lastUsed.get(key) ?? -1
  if (step <= last) {
    await new Promise((r) => setTimeout(r, (last + 1) * 30_000 - Date.now() + 500))
    step = Math.floor(Date.now() / 30_000)
  }
  lastUsed.set(key, step)
  return codeAt(key, step)
}
