/** The longest forecast made: a week ahead, the horizon the backtest checks the interval at. */
export const MAX_HORIZON_HOURS = 168;
/** A lane needs this many hourly readings in the profile's window to be forecast at all. */
export const MIN_PROFILE_READINGS = 100;
