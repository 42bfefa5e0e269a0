import { BarChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** The theme's colours for chart text and lines, read from the CSS tokens. */
function themeColours() {
  const css = getComputedStyle(document.documentElement);
  return {
    text: css.getPropertyValue("--text").trim() || "#1a1f26",
    muted: css.getPropertyValue("--muted").trim() || "#56606c",
    border: css.getPropertyValue("--border").trim() || "#d3d8de",
  };
}

interface Props {
  option: ChartOption;
  /** What the chart shows, for people who cannot see it (a table nearby has the numbers). */
  label: string;
  height?: number;
}

/**
 * An ECharts chart (the library the server renders report charts with), drawn as SVG, sized to
 * its container and redrawn in the theme's colours. Disposed on unmount.
 */
export function Chart({ option, label, height = 320 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "svg" });
    const c = themeColours();
    const axis = (given: unknown) => ({
      axisLabel: { color: c.muted },
      axisLine: { lineStyle: { color: c.border } },
      splitLine: { lineStyle: { color: c.border } },
      nameTextStyle: { color: c.muted },
      ...(given as object),
    });
    chart.setOption({
      animation: !window.matchMedia?.("(prefers-reduced-motion: reduce)").matches,
      aria: { enabled: true },
      textStyle: { color: c.text, fontFamily: "inherit" },
      ...option,
      legend: { textStyle: { color: c.text }, ...(option.legend as object) },
      xAxis: axis(option.xAxis),
      yAxis: axis(option.yAxis),
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}
