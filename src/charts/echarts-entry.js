// The ECharts build of the dashboard: only the chart types, components and
// renderers the charts use (tree-shaken by esbuild, see
// scripts/build-echarts.mjs). Loaded on demand by src/charts/echarts.rs the
// first time a chart is shown; the home view never loads it.
import { init, getInstanceByDom, use, version } from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  RadarChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

// The whole API the Rust wrapper sees (`js_namespace = echarts`).
globalThis.echarts = { init, getInstanceByDom, version };
