import { GERMAN_VARIABLE_MEASURE_RULES, encodeVariableMeasure, withCheckDigit } from '@opentill/core';
import { inTransaction, type RequestContext } from '../platform/context.js';
import type { ProductInput } from '../modules/catalog/catalog.schema.js';
import { createCategory } from '../modules/catalog/categories.js';
import { createModifierGroup } from '../modules/catalog/modifiers.js';
import { createProduct } from '../modules/catalog/products.service.js';
import { createPromotion } from '../modules/catalog/promotions.js';

/**
 * Demo catalog of a Berlin bakery-café with a small shop (README "Demo data"): bread and pastries
 * at 7 %, coffee drinks at 19 %, bottled drinks with deposit, cheese by the kilo (weight barcode),
 * sheet cake by a price-embedded barcode, T-shirts in size × colour, PLU fruit, a happy hour and
 * "3 for 5 €". Every EAN-13 carries a valid check digit (computed, never typed).
 */

type Cat = 'bread' | 'rolls' | 'sweet' | 'cake' | 'coffee' | 'cold' | 'deli' | 'snacks' | 'fruit' | 'shop' | 'deposit';

interface Item {
  sku: string;
  name: string;
  cat: Cat;
  tax: 'reduced' | 'standard';
  price: number;
  deposit?: string;
  barcode?: string | null;
  unit?: ProductInput['unit'];
  byWeight?: boolean;
  modifiers?: boolean;
  description?: string;
}

let house = 0;
/** In-store EAN-13 (prefix 21: restricted circulation, no embedded measure in Germany). */
const inStore = () => withCheckDigit(`2100000${String(++house).padStart(5, '0')}`);
let shirt = 0;
const shirtCode = () => withCheckDigit(`4099887${String(900 + ++shirt).padStart(5, '0')}`);
let brand = 0;
/** Brand-style EAN-13 in the GS1 Germany range (demo company prefix). */
const branded = () => withCheckDigit(`4099887${String(++brand).padStart(5, '0')}`);
const rule = (prefix: string) => GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === prefix)!;

const r = (sku: string, name: string, cat: Cat, price: number, extra: Partial<Item> = {}): Item => ({ sku, name, cat, tax: 'reduced', price, ...extra });
const s = (sku: string, name: string, cat: Cat, price: number, extra: Partial<Item> = {}): Item => ({ sku, name, cat, tax: 'standard', price, ...extra });
const drink = (sku: string, name: string, price: number, deposit: string) => s(sku, name, 'cold', price, { deposit, barcode: branded() });
const coffee = (sku: string, name: string, price: number, modifiers = true) => s(sku, name, 'coffee', price, { barcode: null, modifiers });

export const DEMO_DEPOSITS: Item[] = [
  s('PFAND-025', 'Pfand Einweg 0,25 €', 'deposit', 25, { barcode: branded() }),
  s('PFAND-015', 'Pfand Mehrweg 0,15 €', 'deposit', 15, { barcode: branded() }),
  s('PFAND-008', 'Pfand Mehrweg 0,08 €', 'deposit', 8, { barcode: branded() }),
];

export const DEMO_ITEMS: Item[] = [
  r('BROT-ROGGEN', 'Roggenbrot 1 kg', 'bread', 450),
  r('BROT-DINKEL', 'Dinkelvollkornbrot 750 g', 'bread', 520),
  r('BROT-SAUER', 'Sauerteigbrot 1 kg', 'bread', 490),
  r('BROT-KARTOFFEL', 'Kartoffelbrot 750 g', 'bread', 430),
  r('BROT-BAGUETTE', 'Baguette', 'bread', 260),
  r('BROT-CIABATTA', 'Ciabatta', 'bread', 280),
  r('BROT-BAUERN', 'Bauernbrot 1 kg', 'bread', 440),
  r('BROT-SONNE', 'Sonnenblumenbrot 500 g', 'bread', 380),
  r('BROT-WALNUSS', 'Walnussbrot 500 g', 'bread', 550),
  r('BROT-TOAST', 'Buttertoast 500 g', 'bread', 290),
  r('BR-SCHRIPPE', 'Schrippe', 'rolls', 45),
  r('BR-MEHRKORN', 'Mehrkornbrötchen', 'rolls', 75),
  r('BR-KUERBIS', 'Kürbiskernbrötchen', 'rolls', 85),
  r('BR-BREZEL', 'Laugenbrezel', 'rolls', 95),
  r('BR-LAUGENSTANGE', 'Laugenstange', 'rolls', 110),
  r('BR-ROGGEN', 'Roggenbrötchen', 'rolls', 70),
  r('BR-KAESE', 'Käsebrötchen', 'rolls', 140),
  r('BR-MOHN', 'Mohnbrötchen', 'rolls', 65),
  r('SG-CROISSANT', 'Croissant', 'sweet', 190),
  r('SG-PAINCHOC', 'Pain au chocolat', 'sweet', 220),
  r('SG-FRANZ', 'Franzbrötchen', 'sweet', 210),
  r('SG-ZIMT', 'Zimtschnecke', 'sweet', 240),
  r('SG-BERLINER', 'Pfannkuchen (Berliner)', 'sweet', 180),
  r('SG-APFELTASCHE', 'Apfeltasche', 'sweet', 230),
  r('SG-PUDDINGBREZEL', 'Puddingbrezel', 'sweet', 220),
  r('SG-STREUSEL', 'Streuselschnecke', 'sweet', 200),
  r('SG-MOHNSCHNECKE', 'Mohnschnecke', 'sweet', 230),
  r('KU-KAESE', 'Käsekuchen (Stück)', 'cake', 350),
  r('KU-APFEL', 'Apfelkuchen (Stück)', 'cake', 330),
  r('KU-BIENENSTICH', 'Bienenstich (Stück)', 'cake', 340),
  r('KU-SCHWARZWALD', 'Schwarzwälder Kirsch (Stück)', 'cake', 420),
  r('KU-BLECH', 'Blechkuchen nach Gewicht', 'cake', 1690, {
    // Weighed and priced at the counter scale: the label carries the price (prefix 22).
    barcode: encodeVariableMeasure(rule('22'), '2001', 0),
    unit: 'kg',
    byWeight: true,
    description: 'Preis steht auf dem Etikett der Waage (1,69 €/100 g)',
  }),
  coffee('KAF-ESPRESSO', 'Espresso', 220, false),
  coffee('KAF-DOPPIO', 'Doppio', 290, false),
  coffee('KAF-CORTADO', 'Cortado', 310),
  coffee('KAF-AMERICANO', 'Americano', 280),
  coffee('KAF-CAPPUCCINO', 'Cappuccino', 350),
  coffee('KAF-LATTE', 'Latte Macchiato', 390),
  coffee('KAF-FLATWHITE', 'Flat White', 400),
  coffee('KAF-MILCHKAFFEE', 'Milchkaffee', 370),
  coffee('KAF-CHAI', 'Chai Latte', 420),
  coffee('KAF-KAKAO', 'Heiße Schokolade', 380),
  coffee('KAF-MATCHA', 'Matcha Latte', 450),
  coffee('TEE-SCHWARZ', 'Schwarzer Tee', 280, false),
  coffee('TEE-MINZE', 'Frische Minze', 320, false),
  coffee('TEE-INGWER', 'Ingwer-Zitrone', 340, false),
  drink('GET-WASSER-STILL', 'Mineralwasser still 0,5 l', 190, 'PFAND-025'),
  drink('GET-WASSER-SPRUDEL', 'Mineralwasser sprudelnd 0,5 l', 190, 'PFAND-025'),
  drink('GET-APFELSCHORLE', 'Apfelschorle 0,5 l', 260, 'PFAND-025'),
  drink('GET-MATE', 'Club-Mate 0,5 l', 290, 'PFAND-008'),
  drink('GET-KOLA', 'Fritz-Kola 0,33 l', 280, 'PFAND-008'),
  drink('GET-RHABARBER', 'Rhabarberschorle 0,33 l', 270, 'PFAND-008'),
  drink('GET-OSAFT', 'Orangensaft 0,25 l', 290, 'PFAND-015'),
  drink('GET-EISTEE', 'Eistee Pfirsich 0,5 l', 250, 'PFAND-025'),
  drink('GET-LIMO', 'Bio-Limonade Zitrone 0,33 l', 280, 'PFAND-015'),
  drink('GET-PILS', 'Berliner Pilsner 0,5 l', 320, 'PFAND-008'),
  drink('GET-RADLER', 'Radler 0,5 l', 310, 'PFAND-008'),
  drink('GET-MALZ', 'Malzbier 0,33 l', 240, 'PFAND-008'),
  r('FK-BERGKAESE', 'Bergkäse (kg)', 'deli', 2990, { barcode: encodeVariableMeasure(rule('28'), '1001', 0), unit: 'kg', byWeight: true }),
  r('FK-GOUDA', 'Alter Gouda (kg)', 'deli', 2490, { barcode: encodeVariableMeasure(rule('28'), '1002', 0), unit: 'kg', byWeight: true }),
  r('FK-BUTTER', 'Süßrahmbutter 250 g', 'deli', 329, { barcode: branded() }),
  r('FK-MARMELADE', 'Erdbeerkonfitüre 340 g', 'deli', 449, { barcode: branded() }),
  r('FK-HONIG', 'Berliner Stadthonig 250 g', 'deli', 890, { barcode: branded() }),
  r('FK-FRISCHKAESE', 'Frischkäse Kräuter 150 g', 'deli', 249, { barcode: branded() }),
  r('SN-KAESE', 'Belegtes Brötchen Käse', 'snacks', 350),
  r('SN-SALAMI', 'Belegtes Brötchen Salami', 'snacks', 370),
  r('SN-QUICHE', 'Quiche Lorraine (Stück)', 'snacks', 450),
  r('SN-BAGEL', 'Bagel Frischkäse-Lachs', 'snacks', 520),
  r('OB-BANANE', 'Bio-Banane', 'fruit', 45, { barcode: '4011' }),
  r('OB-APFEL', 'Apfel Elstar', 'fruit', 55, { barcode: '4131' }),
  s('SHOP-BECHER', 'Kaffeebecher Keramik', 'shop', 1490, { barcode: branded() }),
  s('SHOP-THERMO', 'Thermobecher 350 ml', 'shop', 1990, { barcode: branded() }),
  s('SHOP-BEUTEL', 'Jutebeutel', 'shop', 690, { barcode: branded() }),
  s('SHOP-POSTKARTE', 'Postkarte Oranienstraße', 'shop', 150, { barcode: branded() }),
  r('SHOP-BOHNEN-ESP', 'Kaffeebohnen Espresso 250 g', 'shop', 990, { barcode: branded() }),
  r('SHOP-BOHNEN-FIL', 'Kaffeebohnen Filter 500 g', 'shop', 1690, { barcode: branded() }),
  r('SHOP-SCHOKO', 'Zartbitterschokolade 100 g', 'shop', 349, { barcode: branded() }),
  r('SHOP-KEKSE', 'Butterkekse 200 g', 'shop', 399, { barcode: branded() }),
];

export const DEMO_TSHIRT = {
  sku: 'SHOP-SHIRT',
  name: 'T-Shirt „Oranienstraße"',
  price: 2490,
  sizes: ['S', 'M', 'L', 'XL'],
  colours: ['Schwarz', 'Natur'],
};

export const DEMO_PROMOTIONS = { happyHour: 'Happy Hour: Kaffee −20 % (Mo–Fr 15–17 Uhr)', threeForFive: '3 für 5 € auf süßes Gebäck' };

const CATEGORY_TREE: [Cat | 'bakery' | 'drinks', string, ('bakery' | 'drinks')?][] = [
  ['bakery', 'Backwaren'],
  ['bread', 'Brot', 'bakery'],
  ['rolls', 'Brötchen', 'bakery'],
  ['sweet', 'Süßes Gebäck', 'bakery'],
  ['cake', 'Kuchen', 'bakery'],
  ['drinks', 'Getränke'],
  ['coffee', 'Kaffee & Tee', 'drinks'],
  ['cold', 'Kaltgetränke', 'drinks'],
  ['deli', 'Feinkost'],
  ['snacks', 'Snacks'],
  ['fruit', 'Obst'],
  ['shop', 'Shop'],
  ['deposit', 'Pfand'],
];

/** Adds the demo catalog for `storeId` through the catalog services (validation, change log). */
export async function seedDemoCatalog(ctx: RequestContext, storeId: string): Promise<{ products: number }> {
  house = 0;
  shirt = 0;
  return inTransaction(ctx, async (tx) => {
    const cats = new Map<string, string>();
    for (const [key, name, parent] of CATEGORY_TREE) {
      const c = await createCategory(tx, { name, parentId: parent ? cats.get(parent)! : null, sortOrder: cats.size });
      cats.set(key, c.id);
    }
    const milk = await createModifierGroup(tx, {
      name: 'Milch',
      minSelect: 0,
      maxSelect: 1,
      options: [
        { name: 'Vollmilch', priceDelta: 0 },
        { name: 'Hafermilch', priceDelta: 50 },
        { name: 'Sojamilch', priceDelta: 50 },
        { name: 'Laktosefrei', priceDelta: 30 },
      ],
    });
    const extras = await createModifierGroup(tx, {
      name: 'Extras',
      minSelect: 0,
      maxSelect: 3,
      options: [
        { name: 'Extra Shot', priceDelta: 60 },
        { name: 'Vanillesirup', priceDelta: 40 },
        { name: 'Karamellsirup', priceDelta: 40 },
        { name: 'Sahnehaube', priceDelta: 50 },
      ],
    });
    const ids = new Map<string, string>();
    const base = (i: Item): ProductInput => ({
      sku: i.sku,
      name: i.name,
      description: i.description ?? '',
      categoryId: cats.get(i.cat)!,
      taxClass: i.tax,
      unit: i.unit ?? 'piece',
      soldByWeight: i.byWeight ?? false,
      imageUrl: null,
      depositProductId: i.deposit ? ids.get(i.deposit)! : null,
      costPrice: Math.round((i.price * 35) / 100),
      modifierGroupIds: i.modifiers ? [milk.id, extras.id] : [],
      barcodes: i.barcode === null ? [] : [{ code: i.barcode ?? inStore() }],
      prices: [{ storeId, price: i.price }],
      variants: [],
    });
    for (const item of [...DEMO_DEPOSITS, ...DEMO_ITEMS]) ids.set(item.sku, (await createProduct(tx, base(item))).id);
    const t = DEMO_TSHIRT;
    await createProduct(tx, {
      ...base(s(t.sku, t.name, 'shop', t.price, { barcode: null })),
      prices: [{ storeId, price: t.price }],
      variants: t.colours.flatMap((colour) =>
        t.sizes.map((size) => ({
          sku: `${t.sku}-${colour.slice(0, 3).toUpperCase()}-${size}`,
          name: `${colour} ${size}`,
          options: { size, colour },
          barcodes: [{ code: shirtCode() }],
          prices: [],
        })),
      ),
    });
    await createPromotion(tx, {
      storeId,
      name: DEMO_PROMOTIONS.happyHour,
      active: true,
      startsAt: null,
      endsAt: null,
      priority: 0,
      exclusive: false,
      target: { categoryIds: [cats.get('coffee')!] },
      conditions: { timeWindows: [{ weekdays: [1, 2, 3, 4, 5], fromMinute: 15 * 60, toMinute: 17 * 60 }] },
      effect: { type: 'percent_off', percentBp: 2000 },
    });
    await createPromotion(tx, {
      storeId,
      name: DEMO_PROMOTIONS.threeForFive,
      active: true,
      startsAt: null,
      endsAt: null,
      priority: 10,
      exclusive: true,
      target: { categoryIds: [cats.get('sweet')!] },
      effect: { type: 'n_for_price', quantity: 3, price: 500 },
    });
    return { products: ids.size + 1 };
  });
}
