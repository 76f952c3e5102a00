import {
  chargingHistoryResponseSchema,
  evRegistrationsResponseSchema,
  type ChargingBucketName,
  type ChargingHistoryResponse,
  type EvRegistrationsResponse,
} from '../../../common/charging-history.js';
import { getJson } from '../time/history-api.js';

/** The charging day (a Bochum date, YYYY-MM-DD) per site and for the city: GET /api/history/charging. */
export function fetchChargingDay(date: string, bucket: ChargingBucketName, signal?: AbortSignal): Promise<ChargingHistoryResponse> {
  return getJson(`/api/history/charging?date=${date}&bucket=${bucket}`, chargingHistoryResponseSchema, signal);
}

/** Registered electric vehicles per month and today's public charge points: GET /api/mobility/ev-registrations. */
export function fetchEvRegistrations(signal?: AbortSignal): Promise<EvRegistrationsResponse> {
  return getJson('/api/mobility/ev-registrations', evRegistrationsResponseSchema, signal);
}
