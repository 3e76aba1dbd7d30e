// The insurance certificate pages, loaded together as one chunk.
export { InsuranceList } from './insurance-list/insurance-list'
export { AddCertificate } from './add-certificate/add-certificate'
export { RemoveCertificate } from './remove-certificate/remove-certificate'
