import { describe, expect, it } from 'vitest';
import { CHARGE_POINT_STATUSES } from '../readings.js';
import {
  OCPI_EVSE_STATUSES,
  OCPP16_CONNECTOR_STATUSES,
  fromOcpiEvseStatus,
  fromOcpp16ConnectorStatus,
  type OcpiEvseStatus,
  type Ocpp16ConnectorStatus,
} from './charging-status.js';

describe('OCPI 2.2 EVSE status → charge-point status', () => {
  const table: Array<[OcpiEvseStatus, string]> = [
    ['AVAILABLE', 'available'],
    ['BLOCKED', 'blocked'],
    ['CHARGING', 'charging'],
    ['INOPERATIVE', 'out_of_order'],
    ['OUTOFORDER', 'out_of_order'],
    ['PLANNED', 'out_of_order'],
    ['REMOVED', 'out_of_order'],
    ['RESERVED', 'reserved'],
    ['UNKNOWN', 'unknown'],
  ];
  it.each(table)('%s → %s', (ocpi, ours) => {
    expect(fromOcpiEvseStatus(ocpi)).toBe(ours);
  });
  it('covers every OCPI status', () => {
    expect(table.map(([s]) => s).sort()).toEqual([...OCPI_EVSE_STATUSES].sort());
  });
});

describe('OCPP 1.6 connector status → charge-point status', () => {
  const table: Array<[Ocpp16ConnectorStatus, string]> = [
    ['Available', 'available'],
    ['Preparing', 'charging'],
    ['Charging', 'charging'],
    ['SuspendedEVSE', 'charging'],
    ['SuspendedEV', 'charging'],
    ['Finishing', 'blocked'],
    ['Reserved', 'reserved'],
    ['Unavailable', 'out_of_order'],
    ['Faulted', 'out_of_order'],
  ];
  it.each(table)('%s → %s', (ocpp, ours) => {
    expect(fromOcpp16ConnectorStatus(ocpp)).toBe(ours);
  });
  it('covers every OCPP 1.6 status', () => {
    expect(table.map(([s]) => s).sort()).toEqual([...OCPP16_CONNECTOR_STATUSES].sort());
  });
});

describe('both maps', () => {
  it('only produce statuses of the reading model', () => {
    const produced = [...OCPI_EVSE_STATUSES.map(fromOcpiEvseStatus), ...OCPP16_CONNECTOR_STATUSES.map(fromOcpp16ConnectorStatus)];
    for (const s of produced) expect(CHARGE_POINT_STATUSES).toContain(s);
  });
});
