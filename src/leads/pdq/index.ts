export {
  DIHEDRAL_TRANSFORMS,
  PDQ_MATCH_DISTANCE,
  PDQ_MIN_QUALITY,
  pdqDihedral,
  pdqFromRgb,
  pdqMatches,
  type DihedralTransform,
} from './pdq.ts';
export { PdqInputError, hammingDistance } from './hash256.ts';
export { pdqFromImage, type PdqImageHash } from './decode.ts';
export { PdqIndex, type PdqMatch } from './mih.ts';
