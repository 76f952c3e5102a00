import type { TraceWaypoint } from './route-tracer';

/**
 * The main road network of the city model, as waypoints.
 *
 * Waypoints marked `t` are places on the street itself (mostly GTFS stop
 * positions, named in the comments); between two of them the street is traced
 * along a bus, tram or coach route. Waypoints marked `a` end a leg that no
 * route covers; those legs are drawn from public facts (junction coordinates
 * from Wikipedia, the southern edge of the Umweltzone, which runs along the
 * A448) and flagged approximate.
 */

export type RoadClass = 'motorway' | 'trunk' | 'ring' | 'arterial';

export interface Direction {
  /** id suffix */
  code: string;
  /** German wording in sensor names */
  label: string;
}

export interface StreetDef {
  id: string;
  street: string;
  roadClass: RoadClass;
  lanes: number;
  freeFlowKmh: number;
  /** preferred link length; streets are cut into equal links near this length */
  targetLinkM: number;
  /** direction of travel along the waypoints, then the opposite one */
  forward: Direction;
  backward: Direction;
  /** only follow routes whose ref matches */
  refs?: RegExp;
  /** the street is wider from its start up to this place (links whose middle lies before it) */
  widerUntil?: { at: [number, number]; lanes: number };
  waypoints: TraceWaypoint[];
}

const t = (lon: number, lat: number, radiusM?: number): TraceWaypoint => ({ at: [lon, lat], radiusM });
const a = (lon: number, lat: number): TraceWaypoint => ({ at: [lon, lat], approximate: true });

const OUT: Direction = { code: 'out', label: 'stadtauswärts' };
const IN: Direction = { code: 'in', label: 'stadteinwärts' };
const CW: Direction = { code: 'cw', label: 'im Uhrzeigersinn' };
const CCW: Direction = { code: 'ccw', label: 'gegen den Uhrzeigersinn' };

/** Long-distance coaches are the only routes that stay on the motorways. */
const COACHES = /^(0\d\d|N\d{2,})$/;
/** Trains run on their own track; every other route runs on streets. */
const STREET_ROUTES = /^(?!S\d|RE|RB|IC|EC|ES$|FLX|Linie)/;

const radial = (def: Omit<StreetDef, 'roadClass' | 'forward' | 'backward' | 'targetLinkM'> & { targetLinkM?: number }): StreetDef => ({
  roadClass: 'arterial',
  forward: OUT,
  backward: IN,
  targetLinkM: 1100,
  refs: STREET_ROUTES,
  ...def,
});

const ringSegment = (id: string, street: string, waypoints: TraceWaypoint[]): StreetDef => ({
  id,
  street,
  roadClass: 'ring',
  lanes: 2,
  freeFlowKmh: 50,
  targetLinkM: 1500,
  refs: STREET_ROUTES,
  forward: CW,
  backward: CCW,
  waypoints,
});

// Corners of the inner ring, shared so the four segments and the radials meet.
const RING_SW: [number, number] = [7.21435, 51.47903];
const RING_NW: [number, number] = [7.21507, 51.48518];
const RING_NE: [number, number] = [7.22513, 51.48261];
const RING_SE: [number, number] = [7.22362, 51.47999];

export const STREETS: StreetDef[] = [
  {
    id: 'a40',
    street: 'A40',
    roadClass: 'motorway',
    lanes: 3,
    freeFlowKmh: 100,
    targetLinkM: 2500,
    forward: { code: 'east', label: 'Richtung Dortmund' },
    backward: { code: 'west', label: 'Richtung Essen' },
    refs: COACHES,
    waypoints: [
      t(7.106, 51.4728, 150), // city limit towards Essen-Kray
      t(7.14, 51.4745, 150),
      t(7.1786, 51.4819, 150), // Dreieck Bochum-West (A448)
      t(7.1925, 51.4967, 150), // northern bend round Hamme
      t(7.215, 51.4984, 150), // AS Bochum-Zentrum (Herner Straße)
      t(7.2324, 51.495, 150), // AS Bochum-Stadion (exit 36)
      t(7.2711, 51.4965, 150), // Kreuz Bochum (A43)
      t(7.31, 51.4963, 150), // AS Bochum-Werne
      t(7.345, 51.4945, 150), // city limit towards Dortmund-Lütgendortmund
    ],
  },
  {
    id: 'a43',
    street: 'A43',
    roadClass: 'motorway',
    lanes: 2,
    freeFlowKmh: 120,
    targetLinkM: 2500,
    forward: { code: 'south', label: 'Richtung Wuppertal' },
    backward: { code: 'north', label: 'Richtung Recklinghausen' },
    refs: COACHES,
    waypoints: [
      t(7.2097, 51.522, 100), // city limit towards Herne
      t(7.2141, 51.5153, 100), // AS Bochum-Riemke (Herner Straße)
      t(7.2413, 51.5079, 100),
      t(7.2593, 51.5029, 100), // AS Bochum-Gerthe
      // beyond here the coaches turn onto the A40; no route runs through the Kreuz or south of it
      a(7.2711, 51.4967), // Kreuz Bochum (A40)
      a(7.2768, 51.485),
      a(7.2818, 51.4738), // AS Bochum-Laer
      a(7.2883, 51.4617), // Kreuz Bochum/Witten (A448)
      a(7.2945, 51.4505), // city limit towards Witten-Heven
    ],
  },
  {
    id: 'a448',
    street: 'A448',
    roadClass: 'motorway',
    lanes: 2,
    freeFlowKmh: 100,
    targetLinkM: 2500,
    forward: { code: 'east', label: 'Richtung Witten/Dortmund' },
    backward: { code: 'west', label: 'Richtung Bochum-West (A40)' },
    // the SB33 express bus uses the A448 between the Dreieck and the Universitätsstraße
    refs: /^SB33$/,
    waypoints: [
      t(7.1786, 51.4817, 100), // Dreieck Bochum-West
      t(7.18666, 51.47642, 100), // AS Bochum-Stahlhausen
      t(7.19731, 51.4651, 100), // Tunnel Rombacher Hütte
      t(7.21321, 51.45432, 100), // AS Bochum-Weitmar
      t(7.22782, 51.45579, 100), // AS Bochum-Süd (Königsallee)
      t(7.23575, 51.45955, 100), // AS Wiemelhausen/Ruhr-Universität (Universitätsstraße)
      a(7.245, 51.4625),
      a(7.2547, 51.4638), // AS Bochum-Altenbochum (Opelring)
      a(7.272, 51.4628),
      a(7.2795, 51.4621),
      a(7.2883, 51.4617), // Kreuz Bochum/Witten (A43)
      a(7.305, 51.4608),
      a(7.325, 51.4598),
      a(7.346, 51.4597), // city limit towards Witten-Annen
    ],
  },
  ringSegment('westring', 'Westring', [
    t(...RING_SW),
    t(7.21303, 51.48141), // Alleestraße
    // no bus uses the northern Westring; drawn past the Musikschule (Westring 32)
    a(7.2123, 51.4832),
    a(7.2135, 51.4847),
    a(...RING_NW),
  ]),
  ringSegment('nordring', 'Nordring', [
    t(...RING_NW),
    a(7.21691, 51.48564), // Brückstraße
    t(7.22079, 51.484),
    t(...RING_NE),
  ]),
  ringSegment('ostring', 'Ostring', [t(...RING_NE), t(7.22488, 51.48152), t(...RING_SE)]),
  ringSegment('suedring', 'Südring', [t(...RING_SE), t(7.2212, 51.4789), t(7.21661, 51.47873), t(...RING_SW)]),
  radial({
    id: 'universitaetsstrasse',
    street: 'Universitätsstraße',
    lanes: 2,
    freeFlowKmh: 60,
    waypoints: [
      t(...RING_SE),
      t(7.22446, 51.47727), // Hbf/Buddenbergplatz
      t(7.22575, 51.474), // Oskar-Hoffmann-Str.
      t(7.22702, 51.46895), // Waldring
      t(7.23229, 51.46366), // Wasserstr.
      t(7.2387, 51.45703), // Brenscheder Str.
      t(7.24669, 51.45265), // Markstr.
      t(7.25891, 51.44701), // Ruhr-Universität
    ],
  }),
  radial({
    id: 'herner-strasse',
    street: 'Herner Straße',
    lanes: 2,
    freeFlowKmh: 50,
    waypoints: [
      t(7.2147, 51.4849), // ring
      t(7.21398, 51.48862), // Deuts. Bergbau-Museum
      t(7.21266, 51.49444), // Feldsieper Str.
      t(7.21112, 51.50921), // Riemke Markt
      t(7.21062, 51.51298),
      t(7.2127, 51.51707), // A43, AS Bochum-Riemke
    ],
  }),
  radial({
    id: 'castroper-strasse',
    street: 'Castroper Straße',
    lanes: 1,
    freeFlowKmh: 50,
    waypoints: [
      t(...RING_NE),
      t(7.2295, 51.48599), // Planetarium
      t(7.23332, 51.48789), // Gersteinring
      t(7.23971, 51.49024), // Vonovia Ruhrstadion
      t(7.24505, 51.492), // Stahlwerke Bochum
      t(7.24966, 51.49317), // Rottmannstr.
    ],
  }),
  radial({
    id: 'dorstener-strasse',
    street: 'Dorstener Straße',
    lanes: 2,
    freeFlowKmh: 50,
    waypoints: [
      t(...RING_NW),
      t(7.21032, 51.48792), // Präsident Bf
      t(7.20513, 51.48996), // Robertstr.
      t(7.194, 51.49282), // Hamme Kirche
      t(7.18909, 51.50269), // Hordeler Str.
      t(7.18968, 51.50759), // Hannibal Einkaufscentrum
    ],
  }),
  radial({
    id: 'hattinger-strasse',
    street: 'Hattinger Straße',
    lanes: 1,
    freeFlowKmh: 50,
    // The B 51 has two lanes each way from the Schauspielhaus past the A448 junction to Weitmar
    // Mitte (tram on its own track in the middle); beyond Weitmar it narrows to one lane each way.
    // One lane all along made the street the city's bottleneck at every hour.
    widerUntil: { at: [7.1925, 51.45241], lanes: 2 },
    waypoints: [
      t(7.21574, 51.47284), // Schauspielhaus
      t(7.20877, 51.46882), // Bergmannsheil
      t(7.20622, 51.46546), // Friederikastr.
      t(7.1925, 51.45241), // Weitmar Mitte
      t(7.16096, 51.42612), // Linden Mitte
    ],
  }),
  radial({
    id: 'wittener-strasse',
    street: 'Wittener Straße',
    lanes: 2,
    freeFlowKmh: 50,
    waypoints: [
      t(...RING_SE),
      t(7.22768, 51.47803), // BP/Aral Haus
      t(7.23278, 51.47641), // Lohring
      t(7.24103, 51.47347), // Freigrafendamm
      t(7.24901, 51.47208), // Altenbochum Kirche
      t(7.26353, 51.47122), // Dannenbaumstr.
      t(7.26819, 51.46949), // Laer Mitte
      t(7.2831, 51.46352), // at the Kreuz Bochum/Witten (B 226 junction)
    ],
  }),
  radial({
    id: 'koenigsallee',
    street: 'Königsallee',
    lanes: 2,
    freeFlowKmh: 50,
    waypoints: [
      t(7.21561, 51.47882), // Südring
      t(7.21642, 51.47286), // Schauspielhaus
      t(7.21725, 51.47077), // Christstr.
      t(7.22431, 51.45767), // Knappschaft
      t(7.22677, 51.44646), // Königsallee/Markstr.
    ],
  }),
  // Markstraße is the east–west road of the south: Weitmar to the Ruhr-Universität via Weitmar-Mark
  // and the Königsallee. Without it every trip of Südwest had to squeeze through the single lane
  // of Hattinger Straße, which made that street the worst link at every hour of the day.
  {
    ...radial({ id: 'markstrasse', street: 'Markstraße', lanes: 1, freeFlowKmh: 50, waypoints: [] }),
    forward: { code: 'east', label: 'Richtung Ruhr-Universität' },
    backward: { code: 'west', label: 'Richtung Weitmar' },
    waypoints: [
      t(7.1925, 51.45241), // Weitmar Mitte (Hattinger Straße)
      t(7.2077, 51.4473), // Karl-Friedrich-Str.
      t(7.22677, 51.44646), // Königsallee/Markstr.
      t(7.2430, 51.4506), // Markstr. Gesamtschule
      t(7.24669, 51.45265), // Universitätsstraße/Markstr.
    ],
  },
  radial({
    id: 'alleestrasse',
    street: 'Alleestraße',
    lanes: 2,
    freeFlowKmh: 50,
    waypoints: [
      t(7.21303, 51.48141), // Westring
      t(7.21121, 51.48114), // West Bf
      t(7.20814, 51.48006), // Annastr.
      t(7.20433, 51.47942), // Bochumer Verein/Jahrhunderthalle
      t(7.19977, 51.47841), // J.-Mayer-Str./Jahrhunderthalle
      t(7.19301, 51.47685), // Wattenscheider Str.
    ],
  }),
];
