import type { ChargePointStatus } from '../readings.js';

/**
 * Charge-point statuses of the two protocols operators speak, mapped onto Stadtpuls' one vocabulary
 * (common/readings.ts). The map asks one question per point: can a driver use it now, and if not, why?
 */

/** OCPI 2.2 EVSE `status`. */
export const OCPI_EVSE_STATUSES = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
] as const;
export type OcpiEvseStatus = (typeof OCPI_EVSE_STATUSES)[number];

const OCPI: Record<OcpiEvseStatus, ChargePointStatus> = {
  AVAILABLE: 'available',
  BLOCKED: 'blocked',
  CHARGING: 'charging',
  // INOPERATIVE is switched off on purpose (maintenance), OUTOFORDER is broken: a driver can use neither.
  INOPERATIVE: 'out_of_order',
  OUTOFORDER: 'out_of_order',
  // Not yet built or already dismantled: listed by the operator but unusable, which is what out_of_order
  // tells a driver. Keeping the point (instead of dropping it) keeps the site's point count stable.
  PLANNED: 'out_of_order',
  REMOVED: 'out_of_order',
  RESERVED: 'reserved',
  UNKNOWN: 'unknown',
};

export function fromOcpiEvseStatus(status: OcpiEvseStatus): ChargePointStatus {
  return OCPI[status];
}

/** OCPP 1.6 `StatusNotification.status` of a connector. */
export const OCPP16_CONNECTOR_STATUSES = [
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Reserved',
  'Unavailable',
  'Faulted',
] as const;
export type Ocpp16ConnectorStatus = (typeof OCPP16_CONNECTOR_STATUSES)[number];

const OCPP16: Record<Ocpp16ConnectorStatus, ChargePointStatus> = {
  Available: 'available',
  // A car is plugged in or a card was presented: the point is taken, a session is starting.
  Preparing: 'charging',
  Charging: 'charging',
  // A session is running but energy is paused (by the station or by the car): still taken by that car.
  SuspendedEVSE: 'charging',
  SuspendedEV: 'charging',
  // The session has ended but the cable is still in: a car stands there without charging, as OCPI's BLOCKED.
  Finishing: 'blocked',
  Reserved: 'reserved',
  // OCPP's Unavailable is OCPI's INOPERATIVE, Faulted is OUTOFORDER.
  Unavailable: 'out_of_order',
  Faulted: 'out_of_order',
};

export function fromOcpp16ConnectorStatus(status: Ocpp16ConnectorStatus): ChargePointStatus {
  return OCPP16[status];
}
