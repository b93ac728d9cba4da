//! Problem solving the NIM way (SARA with the problem analysis triangle). This first part holds
//! the computations the profile pages will show: the before/after assessment and the charts of
//! the linked data (counts by week, day of the week and hour, as SVG with a table alternative).

pub mod assessment;
pub mod charts;
