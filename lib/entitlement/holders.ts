import type { FactStatus, ShareClass } from "../events/model";

export const H_HOLDERS = [
  "hk-individual",
  "overseas-individual",
  "non-resident-enterprise",
  "southbound-individual",
  "southbound-fund",
  "southbound-enterprise",
] as const;
export const A_HOLDERS = ["prc-individual", "prc-enterprise", "northbound", "qfii"] as const;
export type HHolder = (typeof H_HOLDERS)[number];
export type AHolder = (typeof A_HOLDERS)[number];
export type HolderType = HHolder | AHolder;

export const HOLDERS_BY_CLASS: Record<ShareClass, readonly HolderType[]> = { H: H_HOLDERS, A: A_HOLDERS };
export const DEFAULT_HOLDER: Record<ShareClass, HolderType> = { H: "hk-individual", A: "prc-individual" };

export interface HolderTaxRule {
  class: ShareClass;
  /** Share of the gross dividend withheld at payment, as a decimal string. */
  withholdingRate: string;
  /** Individuals pay the differential dividend tax when they sell (A shares, 财税〔2015〕101号). */
  laterTaxOnSale: boolean;
  status: FactStatus;
  source: string;
  /**
   * Held through Stock Connect: Southbound holders of H shares are paid in RMB through CSDC and their fractions
   * follow CSDC's ranking (G4); Northbound holders of A shares get the floor (G5). Null: held through a broker or
   * in one's own name.
   */
  connect: "southbound" | "northbound" | null;
  /** Who pays the tax: decides which statements about untaxed capitalisation shares the source supports. */
  taxpayer: "individual" | "enterprise";
}

/** Tax withheld on the cash dividend by holder type (domain.md Decision 3 and §2). */
export const HOLDER_TAX: Record<HolderType, HolderTaxRule> = {
  "hk-individual": {
    class: "H",
    withholdingRate: "0.1",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "Mainland–Hong Kong tax arrangement; 国税函〔2011〕348号",
    connect: null,
    taxpayer: "individual",
  },
  "overseas-individual": {
    class: "H",
    withholdingRate: "0.1",
    laterTaxOnSale: false,
    status: "unconfirmed",
    source: "国税函〔2011〕348号: 10% generally; the treaty rate applies where different",
    connect: null,
    taxpayer: "individual",
  },
  "non-resident-enterprise": {
    class: "H",
    withholdingRate: "0.1",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "国税函〔2008〕897号: 10% EIT, including HKSCC Nominees and other nominees",
    connect: null,
    taxpayer: "enterprise",
  },
  "southbound-individual": {
    class: "H",
    withholdingRate: "0.2",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "财税〔2014〕81号, 财税〔2016〕127号: 20% IIT withheld using CSDC's register",
    connect: "southbound",
    taxpayer: "individual",
  },
  "southbound-fund": {
    class: "H",
    withholdingRate: "0.2",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "财税〔2014〕81号, 财税〔2016〕127号: funds taxed as individuals",
    connect: "southbound",
    taxpayer: "individual",
  },
  "southbound-enterprise": {
    class: "H",
    withholdingRate: "0",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "财税〔2014〕81号 §1(四): not withheld; self-declared; exempt if held ≥ 12 months",
    connect: "southbound",
    taxpayer: "enterprise",
  },
  "prc-individual": {
    class: "A",
    withholdingRate: "0",
    laterTaxOnSale: true,
    status: "confirmed",
    source: "财税〔2015〕101号: nothing withheld at payment; tax by holding period collected on sale",
    connect: null,
    taxpayer: "individual",
  },
  "prc-enterprise": {
    class: "A",
    withholdingRate: "0",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "Resident enterprise: self-declared, not withheld",
    connect: null,
    taxpayer: "enterprise",
  },
  northbound: {
    class: "A",
    withholdingRate: "0.1",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "财税〔2014〕81号 §2, 财税〔2016〕127号: 10% withheld",
    connect: "northbound",
    taxpayer: "enterprise",
  },
  qfii: {
    class: "A",
    withholdingRate: "0.1",
    laterTaxOnSale: false,
    status: "confirmed",
    source: "国税函〔2009〕47号: 10% withheld",
    connect: null,
    taxpayer: "enterprise",
  },
};

export function isHolderType(value: string): value is HolderType {
  return Object.hasOwn(HOLDER_TAX, value);
}
