// The entry point: one request, one identity, a pure function of the request.
import { CARD_TYPES, type Identity, type IdentityRequest } from './types.js'
import { idCardIdentity } from './id-card.js'
import { passportIdentity } from './passport.js'
import { seededFaker } from './seeded-faker.js'

export function generateIdentity (req: IdentityRequest): Identity {
  if (!Number.isFinite(req.now)) throw new RangeError(`now must be epoch milliseconds, got ${req.now}`)
  // One stream per document kind: a seed shows the same cardholder whatever the card type (only a
  // MyKid is younger), and a passport holder fitting the passport's country.
  if (req.idType === 'ID_CARD') {
    if (req.country !== 'MYS') throw new RangeError(`ID_CARD is only for MYS, got ${req.country}`)
    const cardType = req.cardType ?? 'MyKad'
    if (!CARD_TYPES.includes(cardType)) throw new RangeError(`unknown card type ${cardType}`)
    return idCardIdentity(seededFaker(req.seed, 'identity:ID_CARD'), cardType, req.now)
  }
  if (req.idType === 'PASSPORT') {
    return passportIdentity(seededFaker(req.seed, `identity:PASSPORT:${req.country}`), req.country, req.passportExpired ?? false, req.now)
  }
  throw new RangeError(`unknown idType ${String((req as { idType: unknown }).idType)}`)
}
