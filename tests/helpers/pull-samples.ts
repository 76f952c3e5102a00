/**
 * Sample documents in the formats the pull adapters read: a ParkAPI2 snapshot of Bochum's car parks
 * and OCPI 2.2 Locations responses. Lot ids are ParkAPI2-sources' real ones; the OCPI ids are the
 * placeholders of data/devices/ocpi-locations.json.
 */

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');

export function parkApiSnapshot(at: number): Record<string, unknown> {
  const lot = (id: string, name: string, status: string, capacity: number | null, free: number | null, lotAt: number | null) => ({
    id,
    name,
    type: 'underground',
    public_url: 'https://www.parken-in-bochum.de/parkhaeuser/',
    source_url: 'https://www.parken-in-bochum.de/parkhaeuser/',
    has_live_capacity: free !== null,
    status,
    capacity,
    num_free: free,
    // ParkAPI2 writes UTC without an offset.
    timestamp: iso(at),
    lot_timestamp: lotAt === null ? null : iso(lotAt),
  });
  return {
    pool: { id: 'bochum', name: 'Parken in Bochum', public_url: 'https://www.parken-in-bochum.de', timezone: 'Europe/Berlin' },
    lots: [
      lot('bochum-1', 'P1 Husemannplatz', 'open', 475, 120, at - 60_000),
      lot('bochum-2', 'P2 Dr.-Ruer-Platz', 'closed', 375, 0, at - 120_000),
      lot('bochum-5', 'P5 Brückstraße', 'open', 700, 311, null),
      lot('bochum-6', 'P6 Hauptbahnhof (Buddenbergplatz)', 'nodata', 480, null, null),
      { ...lot('bochum-8', 'P8 Konrad-Adenauer-Platz', 'open', 543, 10, at), num_free: '12 frei' },
      lot('dortmund-7', 'not in Bochum', 'open', 100, 50, at),
    ],
  };
}

export function ocpiEvse(uid: string, status: string): Record<string, unknown> {
  return {
    uid,
    evse_id: `DE*BOC*E${uid.replace(/\D/g, '')}`,
    status,
    connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 400, max_amperage: 32, last_updated: '2026-06-16T06:00:00Z' }],
    last_updated: '2026-06-16T06:00:00Z',
  };
}

export function ocpiLocation(id: string, evses: Array<Record<string, unknown>>): Record<string, unknown> {
  return {
    country_code: 'DE',
    party_id: 'BOC',
    id,
    publish: true,
    address: 'Kurt-Schumacher-Platz 1',
    city: 'Bochum',
    country: 'DEU',
    coordinates: { latitude: '51.478580', longitude: '7.223180' },
    evses,
    time_zone: 'Europe/Berlin',
    last_updated: '2026-06-16T06:00:00Z',
  };
}

export function ocpiResponse(at: number, data: unknown, statusCode = 1000): Record<string, unknown> {
  return { data, status_code: statusCode, status_message: statusCode === 1000 ? 'Success' : 'Server error', timestamp: new Date(at).toISOString() };
}

/** Page 1 of the locations (the server adds a Link header to page 2). */
export function ocpiPage1(at: number): Record<string, unknown> {
  return ocpiResponse(at, [
    ocpiLocation('BOC-HBF', [
      ocpiEvse('BOC-HBF-E1', 'CHARGING'),
      ocpiEvse('BOC-HBF-E2', 'AVAILABLE'),
      ocpiEvse('BOC-HBF-E3', 'OUTOFORDER'),
      ocpiEvse('BOC-HBF-E4', 'RESERVED'),
      ocpiEvse('BOC-HBF-E5', 'BLOCKED'),
      ocpiEvse('BOC-HBF-E6', 'UNKNOWN'),
    ]),
    ocpiLocation('ESSEN-1', [ocpiEvse('ESSEN-1-E1', 'AVAILABLE')]),
  ]);
}

export function ocpiPage2(at: number): Record<string, unknown> {
  return ocpiResponse(at, [
    ocpiLocation('BOC-P1', [
      ocpiEvse('BOC-P1-E1', 'AVAILABLE'),
      ocpiEvse('BOC-P1-E2', 'INOPERATIVE'),
      ocpiEvse('BOC-P1-E3', 'PLANNED'),
      ocpiEvse('BOC-P1-E4', 'CHARGING'),
      ocpiEvse('BOC-P1-E5', 'REMOVED'),
    ]),
    ocpiLocation('BOC-P3', [ocpiEvse('BOC-P3-E1', 'AVAILABLE'), ocpiEvse('BOC-P3-E2', 'BROKEN')]),
  ]);
}
