//! ECharts options built with charming, one file per chart (see issue 5).
