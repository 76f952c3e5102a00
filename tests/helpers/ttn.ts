/** A The Things Network v3 uplink as TTN publishes it (trimmed to realistic essentials). */
export function ttnUplink(deviceId: string, receivedAt: number, decoded: Record<string, unknown>): Record<string, unknown> {
  const at = new Date(receivedAt).toISOString();
  return {
    end_device_ids: {
      device_id: deviceId,
      application_ids: { application_id: 'stadtpuls-bochum' },
      dev_eui: '70B3D57ED0000001',
      dev_addr: '260B1234',
    },
    correlation_ids: ['as:up:01H0TESTTESTTESTTESTTESTTE'],
    received_at: at,
    uplink_message: {
      f_port: 1,
      f_cnt: 42,
      frm_payload: 'AQIDBA==',
      decoded_payload: decoded,
      rx_metadata: [{ gateway_ids: { gateway_id: 'bochum-rathaus-gw' }, time: at, rssi: -97, channel_rssi: -97, snr: 7.5 }],
      settings: { data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } }, frequency: '868100000' },
      received_at: at,
    },
  };
}

export const ttnTopic = (prefix: string, deviceId: string) => `${prefix}v3/stadtpuls-bochum@ttn/devices/${deviceId}/up`;
