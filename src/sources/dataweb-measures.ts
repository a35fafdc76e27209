export interface DatawebMeasure {
  /** The `measure` column of `dataweb_product`. */
  measure: string;
  /** What the Data Type cells of its rows say: not always the title of its value column. */
  dataType: string;
  /** Whole dollars, or a quantity in the unit its row states. */
  money: boolean;
}

/**
 * DataWeb's measures, by the title of their value column (the xlsx sheet's last column; the
 * wide CSV's Data Type cells). The charges sheet is titled "Import Charges" but its rows say
 * "Charges, Insurance, and Freight"; both mean the cost of bringing goods to the US port.
 */
export const DATAWEB_MEASURES: Readonly<Record<string, DatawebMeasure>> = {
  'Customs Value': { measure: 'customs_value', dataType: 'Customs Value', money: true },
  'First Unit of Quantity': {
    measure: 'first_quantity',
    dataType: 'First Unit of Quantity',
    money: false,
  },
  'Second Unit of Quantity': {
    measure: 'second_quantity',
    dataType: 'Second Unit of Quantity',
    money: false,
  },
  'Landed Duty-Paid Value': {
    measure: 'landed_duty_paid_value',
    dataType: 'Landed Duty-Paid Value',
    money: true,
  },
  'Dutiable Value': { measure: 'dutiable_value', dataType: 'Dutiable Value', money: true },
  'Calculated Duties': { measure: 'calculated_duty', dataType: 'Calculated Duties', money: true },
  'Import Charges': {
    measure: 'charges_insurance_freight',
    dataType: 'Charges, Insurance, and Freight',
    money: true,
  },
  'CIF Import Value': { measure: 'cif_value', dataType: 'CIF Import Value', money: true },
  'FAS Value': { measure: 'fas_value', dataType: 'FAS Value', money: true },
};

/** The measure a Data Type cell names, whichever of its two titles it uses. */
export function measureOfDataType(dataType: string): DatawebMeasure | undefined {
  const t = dataType.trim();
  return DATAWEB_MEASURES[t] ?? Object.values(DATAWEB_MEASURES).find((m) => m.dataType === t);
}
