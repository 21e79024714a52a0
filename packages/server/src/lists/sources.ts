/**
 * @module lists/sources
 * Where `lists update` finds each source's files. An offline mirror (`--from-dir DIR`) keeps
 * one sub-directory per source, `DIR/<source>/`, and every file in it is loaded as that
 * source's file set (plain or .gz/.bz2/.zip). Downloads are saved under the names below,
 * matched by position to the configured URLs, because URLs do not always end in a file name.
 */
import type { SourceName } from '@sekisho/core/model';

export const DOWNLOAD_NAMES: Record<SourceName, string[]> = {
  'ofac-advanced': ['sdn_advanced.xml'],
  'ofac-csv': ['sdn.csv', 'add.csv', 'alt.csv', 'sdn_comments.csv'],
  'ofac-xml': ['sdn.xml'],
  un: ['consolidated.xml'],
  eu: ['xmlFullSanctionsList_1_1.xml'],
  uk: ['UK_Sanctions_List.xml'],
  'jp-mof': ['jp_mof.xlsx'],
  opensanctions: ['entities.ftm.json'],
  custom: ['custom.csv'],
};

/**
 * Sources whose official URL is a web page that links to the current file rather than the file
 * itself: the link is followed and the file keeps its published name (MOF's workbook carries
 * its edition date in the name, e.g. shisantouketsu20250110.xlsx, which the parser reads).
 */
export const LINKED_FILES: Partial<Record<SourceName, RegExp>> = {
  'jp-mof': /href\s*=\s*["']([^"']+\.xlsx)["']/gi,
};
