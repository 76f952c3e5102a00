/**
 * Where the streets of street-defs.ts meet, so the road graph is one network rather than a set of
 * separate lines. The reference data has no junctions; these come from the traced geometry
 * (crossings and shared ring corners) and from public knowledge of the motorway interchanges
 * (Wikipedia's lists of Anschlussstellen of the A40, A43 and A448).
 *
 * The node sits on the first street listed, where `at` projects onto it. Every other street is cut
 * where `at` projects onto it; if that point is more than SNAP_M away, a ramp (approximate) joins it
 * to the node, else the street's link is extended to the node.
 *
 * `exit`s name a motorway exit without a modelled street: a place where trips from the district
 * can enter and leave the motorway (e.g. Wattenscheid, which the model reaches only via the A40).
 */

export type JunctionKind = 'junction' | 'interchange' | 'exit';

export interface JunctionDef {
  id: string;
  name: string;
  kind: JunctionKind;
  at: [number, number];
  streets: string[];
  /** the position is a guess from public descriptions, not from traced geometry */
  approximate?: boolean;
}

export const SNAP_M = 60;

export const JUNCTIONS: JunctionDef[] = [
  // inner ring corners and the radials starting there (shared waypoints in street-defs.ts)
  { id: 'ring-nw', name: 'Nordring/Westring', kind: 'junction', at: [7.21507, 51.48518], streets: ['westring', 'nordring', 'dorstener-strasse', 'herner-strasse'] },
  { id: 'ring-ne', name: 'Nordring/Ostring', kind: 'junction', at: [7.22513, 51.48261], streets: ['nordring', 'ostring', 'castroper-strasse'] },
  { id: 'ring-se', name: 'Ostring/Südring', kind: 'junction', at: [7.22362, 51.47999], streets: ['ostring', 'suedring', 'universitaetsstrasse', 'wittener-strasse'] },
  { id: 'ring-sw', name: 'Südring/Westring', kind: 'junction', at: [7.21435, 51.47903], streets: ['suedring', 'westring'] },
  { id: 'westring-alleestrasse', name: 'Westring/Alleestraße', kind: 'junction', at: [7.21303, 51.48141], streets: ['westring', 'alleestrasse'] },
  { id: 'suedring-koenigsallee', name: 'Südring/Königsallee', kind: 'junction', at: [7.21561, 51.47882], streets: ['suedring', 'koenigsallee'] },
  { id: 'schauspielhaus', name: 'Königsallee/Hattinger Straße', kind: 'junction', at: [7.21574, 51.47284], streets: ['koenigsallee', 'hattinger-strasse'] },
  { id: 'weitmar-mitte', name: 'Hattinger Straße/Markstraße', kind: 'junction', at: [7.1925, 51.45241], streets: ['hattinger-strasse', 'markstrasse'] },
  { id: 'koenigsallee-markstrasse', name: 'Königsallee/Markstraße', kind: 'junction', at: [7.22677, 51.44646], streets: ['koenigsallee', 'markstrasse'] },
  { id: 'universitaetsstrasse-markstrasse', name: 'Universitätsstraße/Markstraße', kind: 'junction', at: [7.24669, 51.45265], streets: ['universitaetsstrasse', 'markstrasse'] },
  // A40 Ruhrschnellweg, west to east
  { id: 'as-wattenscheid-west', name: 'AS Bochum-Wattenscheid-West', kind: 'exit', at: [7.124, 51.4739], streets: ['a40'], approximate: true },
  { id: 'as-wattenscheid', name: 'AS Bochum-Wattenscheid', kind: 'exit', at: [7.155, 51.4765], streets: ['a40'], approximate: true },
  { id: 'dreieck-bochum-west', name: 'Dreieck Bochum-West', kind: 'interchange', at: [7.1786, 51.4817], streets: ['a40', 'a448'] },
  { id: 'as-hamme', name: 'AS Bochum-Hamme', kind: 'interchange', at: [7.18929, 51.49593], streets: ['a40', 'dorstener-strasse'] },
  { id: 'as-zentrum', name: 'AS Bochum-Zentrum', kind: 'interchange', at: [7.21196, 51.49814], streets: ['a40', 'herner-strasse'] },
  { id: 'as-stadion', name: 'AS Bochum-Stadion', kind: 'interchange', at: [7.2495, 51.4953], streets: ['a40', 'castroper-strasse'] },
  { id: 'as-harpen', name: 'AS Bochum-Harpen', kind: 'exit', at: [7.258, 51.4962], streets: ['a40'], approximate: true },
  { id: 'kreuz-bochum', name: 'Kreuz Bochum', kind: 'interchange', at: [7.27111, 51.49669], streets: ['a40', 'a43'] },
  { id: 'as-werne', name: 'AS Bochum-Werne', kind: 'exit', at: [7.31, 51.4963], streets: ['a40'], approximate: true },
  // A43, north to south
  { id: 'as-riemke', name: 'AS Bochum-Riemke', kind: 'interchange', at: [7.21257, 51.5168], streets: ['a43', 'herner-strasse'] },
  { id: 'as-gerthe', name: 'AS Bochum-Gerthe', kind: 'exit', at: [7.2593, 51.5029], streets: ['a43'] },
  { id: 'as-laer', name: 'AS Bochum-Laer', kind: 'exit', at: [7.2818, 51.4738], streets: ['a43'], approximate: true },
  { id: 'kreuz-bochum-witten', name: 'Kreuz Bochum/Witten', kind: 'interchange', at: [7.2883, 51.4617], streets: ['a43', 'a448', 'wittener-strasse'], approximate: true },
  // A448, west to east
  { id: 'as-stahlhausen', name: 'AS Bochum-Stahlhausen', kind: 'exit', at: [7.18666, 51.47642], streets: ['a448'] },
  { id: 'a448-hattinger-strasse', name: 'A448/Hattinger Straße', kind: 'interchange', at: [7.20088, 51.46105], streets: ['a448', 'hattinger-strasse'], approximate: true },
  { id: 'as-weitmar', name: 'AS Bochum-Weitmar', kind: 'exit', at: [7.21321, 51.45432], streets: ['a448'] },
  { id: 'as-sued', name: 'AS Bochum-Süd', kind: 'interchange', at: [7.22553, 51.455], streets: ['a448', 'koenigsallee'] },
  { id: 'as-wiemelhausen', name: 'AS Bochum-Wiemelhausen/Ruhr-Universität', kind: 'interchange', at: [7.23631, 51.45975], streets: ['a448', 'universitaetsstrasse'] },
  { id: 'as-altenbochum', name: 'AS Bochum-Altenbochum', kind: 'exit', at: [7.2547, 51.4638], streets: ['a448'], approximate: true },
];
