export {
  DIHEDRAL_TRANSFORMS, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, lumaFromPixels, pdqDihedral, pdqDihedralFromLuma,
  pdqDihedralFromPixels, pdqFromLuma, pdqFromPixels, pdqFromRgb, pdqMatches,
  type DihedralTransform, type PdqDihedral, type PdqHash, type PixelChannels,
} from './pdq.ts';
export { PdqInputError, hammingDistance } from './hash256.ts';
export { pdqFromImage, type PdqImageHash, type PdqImageOptions } from './decode.ts';
export { PdqIndex, type PdqIndexOptions, type PdqMatch } from './mih.ts';
