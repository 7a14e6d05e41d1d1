import type { RegisterRow, StoreRow } from './stores.repository.js';

export function presentStore(s: StoreRow) {
  return {
    id: s.id,
    name: s.name,
    address: { line1: s.address_line1, line2: s.address_line2, postalCode: s.postal_code, city: s.city, country: s.country },
    taxIds: { vatId: s.vat_id, taxNumber: s.tax_number },
    currency: s.currency,
    timeZone: s.time_zone,
    locale: s.locale,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export function presentRegister(r: Pick<RegisterRow, 'id' | 'store_id' | 'name' | 'created_at'>) {
  return { id: r.id, storeId: r.store_id, name: r.name, createdAt: r.created_at };
}
