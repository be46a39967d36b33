/**
 * rotations/config.yaml -> `RotationConfig`: every documented default applied in one place, so the
 * rest of core never has to know which fields were optional.
 */
import type {
  HandoffSettings,
  HolidayLayerConfig,
  HolidayPeriodConfig,
  LayerConfig,
  RotationConfig,
  SourceRef,
} from "../model/index.js";
import type { RotationConfiguration } from "../model/generated/types.js";

/** Days after a start date before a first shift may start. */
const DEFAULT_NEW_HIRE_DAYS = 60;
/** Weeks the published schedule must reach ahead of today. */
const DEFAULT_HORIZON_WEEKS = 5;
/** Largest member-count difference between the eastern and other layers before rebalancing. */
const DEFAULT_BALANCE_TOLERANCE = 2;
/** Shift length of a regular layer, in weeks. */
const DEFAULT_SHIFT_WEEKS = 1;

/**
 * Zones that count as US Eastern when grouping people. These are the zones whose wall clock is
 * New York's all year (same offset, same DST dates), so someone there is awake in Eastern working
 * hours. Canadian cities on Eastern time are included; Caribbean zones such as America/Nassau are
 * left out because several of them do not observe DST, so their clock drifts an hour for half the year.
 */
export const DEFAULT_EASTERN_ZONES: readonly string[] = [
  "America/New_York",
  "America/Detroit",
  "America/Toronto",
  "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville",
];

/**
 * The default holiday period: 23 December to 2 January inclusive, two-day volunteer slots, flagged
 * 14 days ahead when unfilled, holiday-a standing in for rot-a and holiday-b for rot-b.
 */
export const DEFAULT_HOLIDAY_PERIOD: HolidayPeriodConfig = {
  from: "12-23",
  to: "01-02",
  shiftDays: 2,
  layers: [
    { name: "holiday-a", replaces: "rot-a" },
    { name: "holiday-b", replaces: "rot-b" },
  ],
  flagDays: 14,
};

/**
 * Handoff defaults: the incoming person is reminded 24 hours ahead (a late scheduled run still lands
 * before the shift), phases more than 3 days overdue are summed up in one catch-up line, and the
 * checklist covers what an arriving engineer checks before taking over.
 */
export const DEFAULT_HANDOFF: Readonly<HandoffSettings> = Object.freeze({
  reminderHours: 24,
  catchUpDays: 3,
  checklist: Object.freeze([
    "Read the outgoing engineer's report and every incident still open",
    "Check that notifications for new issues in this repository reach you (watch it for issues)",
    "Open the playbooks of the services you are least familiar with",
    "Check your shift's start and end in your own time zone, and line up cover for any gap",
  ]) as unknown as string[],
});

/**
 * The default policy of SPEC section 3: two staggered weekly layers so two people are on call at every
 * instant. rot-a hands off Monday 11:00 and takes the US Eastern group (so an Eastern engineer is always
 * on call); rot-b hands off Wednesday 11:00 and takes everyone else; handoffs follow the
 * America/New_York wall clock. Seed 0 and no start date: a real config always records its own.
 */
export const DEFAULT_ROTATION: RotationConfig = {
  timezone: "America/New_York",
  seed: 0,
  newHireDays: DEFAULT_NEW_HIRE_DAYS,
  horizonWeeks: DEFAULT_HORIZON_WEEKS,
  balanceTolerance: DEFAULT_BALANCE_TOLERANCE,
  easternZones: [...DEFAULT_EASTERN_ZONES],
  layers: [
    { name: "rot-a", handoffDay: "monday", handoffTime: "11:00", shiftWeeks: 1, group: "eastern" },
    { name: "rot-b", handoffDay: "wednesday", handoffTime: "11:00", shiftWeeks: 1, group: "others" },
  ],
  holidayPeriod: DEFAULT_HOLIDAY_PERIOD,
  orgHolidays: [],
  handoff: DEFAULT_HANDOFF,
};

/** A source reference one step deeper, or undefined when the parent has none. */
function child(src: SourceRef | undefined, ...path: (string | number)[]): SourceRef | undefined {
  return src ? { file: src.file, path: [...src.path, ...path] } : undefined;
}

/**
 * Default volunteer layers for a set of regular layers: `rot-x` is replaced by `holiday-x`, any other
 * name `n` by `holiday-n`. For the default rot-a / rot-b this is exactly holiday-a / holiday-b, and a
 * config with renamed layers still gets one volunteer layer per regular layer.
 */
export function defaultHolidayLayers(layers: readonly Pick<LayerConfig, "name">[]): HolidayLayerConfig[] {
  return layers.map((layer) => ({
    name: `holiday-${layer.name.startsWith("rot-") ? layer.name.slice(4) : layer.name}`,
    replaces: layer.name,
  }));
}

/**
 * Normalize a schema-valid rotation file. Defaults: newHireDays 60, horizonWeeks 5, balanceTolerance 2,
 * easternZones `DEFAULT_EASTERN_ZONES`, shiftWeeks 1 per layer, orgHolidays empty; the holiday period
 * defaults to `DEFAULT_HOLIDAY_PERIOD` field by field (its layers from `defaultHolidayLayers`) and is
 * absent when `enabled: false`; `handoff` defaults to {@link DEFAULT_HANDOFF} field by field.
 *
 * @param file the parsed, schema-valid YAML.
 * @param src where the file came from; layers get `src` pointing at their entry (`layers[i]`).
 */
export function normalizeRotation(file: RotationConfiguration, src?: SourceRef): RotationConfig {
  const layers: LayerConfig[] = file.layers.map((layer, i) => {
    const out: LayerConfig = {
      name: layer.name,
      handoffDay: layer.handoffDay,
      handoffTime: layer.handoffTime,
      shiftWeeks: layer.shiftWeeks ?? DEFAULT_SHIFT_WEEKS,
    };
    if (layer.group !== undefined) out.group = layer.group;
    if (layer.members !== undefined) out.members = [...layer.members];
    const ref = child(src, "layers", i);
    if (ref) out.src = ref;
    return out;
  });

  const config: RotationConfig = {
    timezone: file.timezone,
    seed: file.seed,
    newHireDays: file.newHireDays ?? DEFAULT_NEW_HIRE_DAYS,
    horizonWeeks: file.horizonWeeks ?? DEFAULT_HORIZON_WEEKS,
    balanceTolerance: file.balanceTolerance ?? DEFAULT_BALANCE_TOLERANCE,
    easternZones: [...(file.easternZones ?? DEFAULT_EASTERN_ZONES)],
    layers,
    orgHolidays: [...(file.orgHolidays ?? [])],
    handoff: normalizeHandoff(file.handoff),
  };
  if (file.start !== undefined) config.start = file.start;
  const regionHolidays = Object.entries(file.regionHolidays ?? {}).map(([region, days]) => [region, [...(days ?? [])]]);
  if (regionHolidays.length) config.regionHolidays = Object.fromEntries(regionHolidays);

  const period = file.holidayPeriod ?? {};
  if (period.enabled !== false) {
    config.holidayPeriod = {
      from: period.from ?? DEFAULT_HOLIDAY_PERIOD.from,
      to: period.to ?? DEFAULT_HOLIDAY_PERIOD.to,
      shiftDays: period.shiftDays ?? DEFAULT_HOLIDAY_PERIOD.shiftDays,
      layers: period.layers
        ? period.layers.map((l) => ({ name: l.name, replaces: l.replaces }))
        : defaultHolidayLayers(layers),
      flagDays: period.flagDays ?? DEFAULT_HOLIDAY_PERIOD.flagDays,
    };
  }
  return config;
}

/** `handoff` of the file with {@link DEFAULT_HANDOFF} filled in field by field. */
function normalizeHandoff(file: RotationConfiguration["handoff"]): HandoffSettings {
  const out: HandoffSettings = {
    reminderHours: file?.reminderHours ?? DEFAULT_HANDOFF.reminderHours,
    catchUpDays: file?.catchUpDays ?? DEFAULT_HANDOFF.catchUpDays,
    checklist: [...(file?.checklist ?? DEFAULT_HANDOFF.checklist)],
  };
  if (file?.reportTemplate !== undefined) out.reportTemplate = file.reportTemplate;
  return out;
}
