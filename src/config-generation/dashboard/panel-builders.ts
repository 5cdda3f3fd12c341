import type {DataSourceRef, FieldConfigSource, GridPos, Panel, RowPanel, ThresholdsConfig, ThresholdsMode} from '@grafana/schema'
import type {Options as StatOptions} from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen'
import type {Options as TableOptions} from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen'
import type {Options as TimeSeriesOptions} from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen'

/** Units the dashboard uses (Grafana unit ids). */
export type Unit = 'bytes' | 'ops' | 'percentunit' | 'reqps' | 's' | 'short'

export interface Query {
  expr: string
  legend?: string
}

export interface PanelSpec {
  kind: 'stat' | 'table' | 'timeseries'
  title: string
  description: string
  unit: Unit
  queries: Query[]
  /** Lower is worse: thresholds red below `bad`, yellow below `warn`. */
  higherIsBetter?: {bad: number; warn: number}
  /** Higher is worse: thresholds yellow from `warn`, red from `bad`. */
  lowerIsBetter?: {bad: number; warn: number}
  min?: number
  max?: number
}

/** Every panel queries the datasource chosen in the dashboard's `datasource` variable. */
export const DATASOURCE: DataSourceRef = {type: 'prometheus', uid: '${datasource}'}

/** A string enum member from its value: the schema's enums are types only here (`import type`). */
function member<E extends string>(value: `${E}`): E {
  return value as unknown as E
}

const ABSOLUTE = member<ThresholdsMode>('absolute')

function thresholds(spec: PanelSpec): ThresholdsConfig {
  if (spec.higherIsBetter) {
    const {bad, warn} = spec.higherIsBetter
    return {mode: ABSOLUTE, steps: [{color: 'red', value: null}, {color: 'yellow', value: bad}, {color: 'green', value: warn}]}
  }

  if (spec.lowerIsBetter) {
    const {bad, warn} = spec.lowerIsBetter
    return {mode: ABSOLUTE, steps: [{color: 'green', value: null}, {color: 'yellow', value: warn}, {color: 'red', value: bad}]}
  }

  return {mode: ABSOLUTE, steps: [{color: 'green', value: null}]}
}

function fieldConfig(spec: PanelSpec): FieldConfigSource {
  return {
    defaults: {
      thresholds: thresholds(spec),
      unit: spec.unit,
      ...(spec.min === undefined ? {} : {min: spec.min}),
      ...(spec.max === undefined ? {} : {max: spec.max}),
    },
    overrides: [],
  }
}

function targets(spec: PanelSpec, instant: boolean): Array<Record<string, unknown>> {
  return spec.queries.map((query, index) => ({
    datasource: DATASOURCE,
    editorMode: 'code',
    expr: query.expr,
    // A table lists the latest value of each series, one row per label set.
    format: spec.kind === 'table' ? 'table' : 'time_series',
    instant,
    legendFormat: query.legend ?? '__auto',
    range: !instant,
    refId: String.fromCodePoint(65 + index),
  }))
}

function statOptions(): Partial<StatOptions> {
  return {
    colorMode: member<StatOptions['colorMode']>('value'),
    graphMode: member<StatOptions['graphMode']>('area'),
    justifyMode: member<StatOptions['justifyMode']>('auto'),
    reduceOptions: {calcs: ['lastNotNull'], fields: '', values: false},
    textMode: member<StatOptions['textMode']>('auto'),
  }
}

function timeSeriesOptions(): Partial<TimeSeriesOptions> {
  return {
    legend: {calcs: ['mean', 'max'], displayMode: member<NonNullable<TimeSeriesOptions['legend']['displayMode']>>('table'), placement: member<TimeSeriesOptions['legend']['placement']>('bottom'), showLegend: true},
    tooltip: {mode: member<TimeSeriesOptions['tooltip']['mode']>('multi'), sort: member<TimeSeriesOptions['tooltip']['sort']>('desc')},
  }
}

function tableOptions(): Partial<TableOptions> {
  return {cellHeight: member<NonNullable<TableOptions['cellHeight']>>('sm'), showHeader: true}
}

/** A panel of one of the three kinds, placed at `gridPos`. */
export function buildPanel(id: number, spec: PanelSpec, gridPos: GridPos): Panel {
  const options = spec.kind === 'stat' ? statOptions() : spec.kind === 'table' ? tableOptions() : timeSeriesOptions()
  return {
    datasource: DATASOURCE,
    description: spec.description,
    fieldConfig: fieldConfig(spec),
    gridPos,
    id,
    options: options as Record<string, unknown>,
    // Stats draw a sparkline from the range; tables list the latest values.
    targets: targets(spec, spec.kind === 'table'),
    title: spec.title,
    type: spec.kind,
  }
}

export function buildRow(id: number, title: string, y: number): RowPanel {
  return {collapsed: false, gridPos: {h: 1, w: 24, x: 0, y}, id, panels: [], title, type: 'row'}
}
