// What the country fields (国名, 国籍) suggest, and how each name is found by
// typing: the ISO 3166 names in Japanese (i18n-iso-countries, copied by
// scripts/build.mjs), plus the short names clerks write that the package
// lacks (中国 for 中華人民共和国, …). Katakana names are found by their own kana
// and romaji; names with kanji need the readings below, split into words so
// that a later word's prefix or the initials find them too (combobox.js).
import { COUNTRIES } from '../lib/countries-ja.js';
import { spellings, toHiragana } from './readings.js';

/** Short names in common use that the package does not give (its names are official ones). */
export const SHORT_NAMES = ['中国', '韓国', '北朝鮮', '米国', '英国', 'アメリカ', 'ロシア', 'イラン', 'ボリビア', 'ベネズエラ', 'シリア', 'ラオス', 'モルドバ', 'ブルネイ', 'エスワティニ'];

/** name → its reading, one hiragana string per word: every name with kanji. */
export const COUNTRY_READINGS = {
  中国: ['ちゅうごく'], 韓国: ['かんこく'], 北朝鮮: ['きた', 'ちょうせん'], 米国: ['べいこく'], 英国: ['えいこく'],
  日本: ['にほん'], 台湾: ['たいわん'], 香港: ['ほんこん'], 南極: ['なんきょく'],
  中華人民共和国: ['ちゅうか', 'じんみん', 'きょうわこく'],
  大韓民国: ['だいかん', 'みんこく'],
  朝鮮民主主義人民共和国: ['ちょうせん', 'みんしゅしゅぎ', 'じんみん', 'きょうわこく'],
  アメリカ合衆国: ['あめりか', 'がっしゅうこく'],
  合衆国領有小離島: ['がっしゅうこく', 'りょうゆう', 'しょう', 'りとう'],
  アメリカ領サモア: ['あめりか', 'りょう', 'さもあ'],
  アメリカ領ヴァージン諸島: ['あめりか', 'りょう', 'ゔぁーじん', 'しょとう'],
  イギリス領ヴァージン諸島: ['いぎりす', 'りょう', 'ゔぁーじん', 'しょとう'],
  イギリス領インド洋地域: ['いぎりす', 'りょう', 'いんど', 'よう', 'ちいき'],
  ボリビア多民族国: ['ぼりびあ', 'たみんぞく', 'こく'],
  ブーベ島: ['ぶーべ', 'とう'],
  ケイマン諸島: ['けいまん', 'しょとう'],
  中央アフリカ共和国: ['ちゅうおう', 'あふりか', 'きょうわこく'],
  クリスマス島: ['くりすます', 'とう'],
  'ココス（キーリング）諸島': ['ここす', 'きーりんぐ', 'しょとう'],
  コンゴ共和国: ['こんご', 'きょうわこく'],
  コンゴ民主共和国: ['こんご', 'みんしゅ', 'きょうわこく'],
  クック諸島: ['くっく', 'しょとう'],
  ドミニカ国: ['どみにか', 'こく'],
  ドミニカ共和国: ['どみにか', 'きょうわこく'],
  赤道ギニア: ['せきどう', 'ぎにあ'],
  'フォークランド（マルビナス）諸島': ['ふぉーくらんど', 'まるびなす', 'しょとう'],
  フェロー諸島: ['ふぇろー', 'しょとう'],
  フランス領ギアナ: ['ふらんす', 'りょう', 'ぎあな'],
  フランス領ポリネシア: ['ふらんす', 'りょう', 'ぽりねしあ'],
  'フランス領南方・南極地域': ['ふらんす', 'りょう', 'なんぽう', 'なんきょく', 'ちいき'],
  ハード島とマクドナルド諸島: ['はーど', 'とう', 'と', 'まくどなるど', 'しょとう'],
  バチカン市国: ['ばちかん', 'しこく'],
  'イラン・イスラム共和国': ['いらん', 'いすらむ', 'きょうわこく'],
  ラオス人民民主共和国: ['らおす', 'じんみん', 'みんしゅ', 'きょうわこく'],
  マーシャル諸島: ['まーしゃる', 'しょとう'],
  ミクロネシア連邦: ['みくろねしあ', 'れんぽう'],
  モルドバ共和国: ['もるどば', 'きょうわこく'],
  ノーフォーク島: ['のーふぉーく', 'とう'],
  北マケドニア: ['きた', 'まけどにあ'],
  北マリアナ諸島: ['きた', 'まりあな', 'しょとう'],
  ロシア連邦: ['ろしあ', 'れんぽう'],
  'サンピエール島・ミクロン島': ['さんぴえーる', 'とう', 'みくろん', 'とう'],
  セントビンセントおよびグレナディーン諸島: ['せんと', 'びんせんと', 'および', 'ぐれなでぃーん', 'しょとう'],
  ソロモン諸島: ['そろもん', 'しょとう'],
  南アフリカ: ['みなみ', 'あふりか'],
  'サウスジョージア・サウスサンドウィッチ諸島': ['さうす', 'じょーじあ', 'さうす', 'さんどうぃっち', 'しょとう'],
  スヴァールバル諸島およびヤンマイエン島: ['すゔぁーるばる', 'しょとう', 'および', 'やんまいえん', 'とう'],
  'シリア・アラブ共和国': ['しりあ', 'あらぶ', 'きょうわこく'],
  東ティモール: ['ひがし', 'てぃもーる'],
  'タークス・カイコス諸島': ['たーくす', 'かいこす', 'しょとう'],
  アラブ首長国連邦: ['あらぶ', 'しゅちょうこく', 'れんぽう'],
  'ベネズエラ・ボリバル共和国': ['べねずえら', 'ぼりばる', 'きょうわこく'],
  西サハラ: ['にし', 'さはら'],
  オーランド諸島: ['おーらんど', 'しょとう'],
  マン島: ['まん', 'とう'],
  'サン・マルタン（フランス領）': ['さん', 'まるたん', 'ふらんす', 'りょう'],
  'シント・マールテン（オランダ領）': ['しんと', 'まーるてん', 'おらんだ', 'りょう'],
  南スーダン: ['みなみ', 'すーだん'],
};

// Among names that match equally well, these come first, so that "ch", "fi", "be" find them: a
// hand-made list of countries and regions common among entrants to Japan (a judgement for ranking
// suggestions, not taken from statistics; every name stays reachable by typing more).
const FIRST = ['中国', '韓国', '台湾', '香港', 'アメリカ', 'アメリカ合衆国', 'タイ', 'フィリピン', 'ベトナム', 'マレーシア', 'シンガポール',
  'インドネシア', 'オーストラリア', 'イギリス', 'インド', 'カナダ', 'フランス', 'ドイツ', 'ネパール', 'ブラジル'];

const KANA_WORD = /^[\p{Script=Hiragana}ー]+$/u;

/** A katakana name's words: its parts between ・、（） (セントクリストファー・ネイビス). */
function kanaWords(name) {
  const parts = toHiragana(name.normalize('NFKC')).split(/[・、()\s]+/u).filter(Boolean);
  return parts.length && parts.every((p) => KANA_WORD.test(p)) ? parts : undefined;
}

/**
 * Every name (package names, then the short ones not among them), frequent ones first, the rest
 * in kana order; with `readings`, name → words, for combobox.js's entryFor.
 */
export function countryNames(names = COUNTRIES) {
  const all = [...new Set([...names, ...SHORT_NAMES])];
  const readings = {};
  for (const name of all) {
    const words = COUNTRY_READINGS[name] ?? kanaWords(name);
    if (words) readings[name] = words;
  }
  const key = (name) => (readings[name] ?? [name]).join('');
  const rankOf = (name) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  all.sort((a, b) => rankOf(a) - rankOf(b) || key(a).localeCompare(key(b), 'ja'));
  return { names: all, readings };
}

// Sounds written with a small kana (フィ, ティ, ヴァ) are typed as one syllable (fi, thi, va), which
// readings.js's Hepburn spells letter by letter (fuxi): these words get those spellings too.
const FOREIGN = [
  ['ふぁ', 'fa'], ['ふぃ', 'fi'], ['ふぇ', 'fe'], ['ふぉ', 'fo'], ['てぃ', 'ti', 'thi'], ['でぃ', 'di', 'dhi'],
  ['とぅ', 'tu', 'twu'], ['どぅ', 'du', 'dwu'], ['ゔぁ', 'va'], ['ゔぃ', 'vi'], ['ゔぇ', 've'], ['ゔぉ', 'vo'],
  ['うぃ', 'wi'], ['うぇ', 'we'], ['うぉ', 'wo'], ['しぇ', 'she', 'sye'], ['じぇ', 'je', 'zye'], ['ちぇ', 'che', 'tye'],
  ['つぁ', 'tsa'], ['いぇ', 'ye'], ['ぐぁ', 'gwa'], ['くぁ', 'kwa'],
];

/** A hiragana word's spellings, with the one-syllable spellings of its small-kana sounds. */
export function countrySpellings(word) {
  const out = spellings(word);
  if (!FOREIGN.some(([kana]) => word.includes(kana))) return out;
  for (const variant of [1, 2]) {
    // Latin letters stand for themselves in readings.js's syllables: they pass through as typed.
    const latin = FOREIGN.reduce((w, [kana, ...typed]) => w.replaceAll(kana, typed[variant - 1] ?? typed[0]), word);
    for (const s of spellings(latin)) if (!out.includes(s)) out.push(s);
  }
  return out;
}
