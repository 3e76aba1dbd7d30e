// The bank details pages, loaded together as one chunk.
export { BankDetails } from './bank-details/bank-details'
export { BankEntry } from './bank-entry'
export { ChangeBankDetails } from './change-bank-details/change-bank-details'
export { CheckBankDetails } from './check-bank-details/check-bank-details'
export { NotUs } from './not-us/not-us'
