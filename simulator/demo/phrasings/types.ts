/** Phrasing templates by intent id (or human-case kind). Slots: {order} {product} {name} {city}. */
export type Phrasings = Record<string, string[]>;

export type Language = 'es' | 'pt' | 'en';
