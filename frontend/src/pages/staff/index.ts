// The council staff's pages about suppliers, loaded together as one chunk.
export { Suppliers } from './suppliers/suppliers'
export { SupplierRecord } from './supplier-record/supplier-record'
export { BankChanges } from './bank-changes/bank-changes'
export { RecordCallback } from './record-callback/record-callback'
export { ApproveChange } from './approve-change/approve-change'
export { RefuseChange } from './refuse-change/refuse-change'
