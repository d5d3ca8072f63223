//! The actor network: who acts on whom, weighted by Goldstein score, laid
//! out on the server (deterministic force-directed layout) and drawn as SVG.

use crate::html::esc;
use serde::Serialize;
use sitrep_store::ActorPair;
use std::collections::HashMap;
use std::fmt::Write;

/// Most actors drawn (the busiest ones).
pub const MAX_NODES: usize = 40;

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub id: String,
    pub code: String,
    pub name: String,
    /// Events the actor takes part in (as source or target) among the edges.
    pub events: u64,
    #[serde(skip)]
    pub x: f64,
    #[serde(skip)]
    pub y: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: u64,
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Actors left out to keep the drawing readable.
    pub omitted_nodes: usize,
}

/// Build the network from actor pairs, keeping the [`MAX_NODES`] busiest actors.
pub fn build(pairs: &[ActorPair]) -> Network {
    let mut nodes: HashMap<&str, Node> = HashMap::new();
    for p in pairs {
        for (id, code, name) in [
            (&p.source_id, &p.source_code, &p.source_name),
            (&p.target_id, &p.target_code, &p.target_name),
        ] {
            nodes
                .entry(id.as_str())
                .or_insert_with(|| Node {
                    id: id.clone(),
                    code: code.clone(),
                    name: if name.is_empty() {
                        code.clone()
                    } else {
                        name.clone()
                    },
                    events: 0,
                    x: 0.0,
                    y: 0.0,
                })
                .events += p.events;
        }
    }
    let mut nodes: Vec<Node> = nodes.into_values().collect();
    nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
    let omitted_nodes = nodes.len().saturating_sub(MAX_NODES);
    nodes.truncate(MAX_NODES);
    let keep: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let edges: Vec<Edge> = pairs
        .iter()
        .filter(|p| {
            keep.contains_key(p.source_id.as_str()) && keep.contains_key(p.target_id.as_str())
        })
        .map(|p| Edge {
            source: p.source_id.clone(),
            target: p.target_id.clone(),
            events: p.events,
            goldstein_sum: p.goldstein_sum,
            goldstein_mean: p.goldstein_sum / p.events.max(1) as f64,
        })
        .collect();
    let mut net = Network {
        nodes,
        edges,
        omitted_nodes,
    };
    layout(&mut net);
    net
}

/// Fruchterman–Reingold in the unit square, from a circle, fixed iterations.
fn layout(net: &mut Network) {
    let n = net.nodes.len();
    if n == 0 {
        return;
    }
    for (i, node) in net.nodes.iter_mut().enumerate() {
        let a = i as f64 / n as f64 * std::f64::consts::TAU;
        node.x = 0.5 + 0.4 * a.cos();
        node.y = 0.5 + 0.4 * a.sin();
    }
    if n == 1 {
        net.nodes[0].x = 0.5;
        net.nodes[0].y = 0.5;
        return;
    }
    let index: HashMap<String, usize> = net
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let links: Vec<(usize, usize)> = net
        .edges
        .iter()
        .filter(|e| e.source != e.target)
        .map(|e| (index[&e.source], index[&e.target]))
        .collect();
    let k = (1.0 / n as f64).sqrt() * 0.9;
    let mut temp = 0.1;
    for _ in 0..300 {
        let mut d = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = net.nodes[i].x - net.nodes[j].x;
                let dy = net.nodes[i].y - net.nodes[j].y;
                let dist = (dx * dx + dy * dy).sqrt().max(1e-4);
                let f = k * k / dist;
                d[i].0 += dx / dist * f;
                d[i].1 += dy / dist * f;
                d[j].0 -= dx / dist * f;
                d[j].1 -= dy / dist * f;
            }
        }
        for &(a, b) in &links {
            let dx = net.nodes[a].x - net.nodes[b].x;
            let dy = net.nodes[a].y - net.nodes[b].y;
            let dist = (dx * dx + dy * dy).sqrt().max(1e-4);
            let f = dist * dist / k;
            d[a].0 -= dx / dist * f;
            d[a].1 -= dy / dist * f;
            d[b].0 += dx / dist * f;
            d[b].1 += dy / dist * f;
        }
        for (node, (dx, dy)) in net.nodes.iter_mut().zip(d) {
            // a weak pull to the centre keeps unconnected actors in the frame
            let (dx, dy) = (dx + (0.5 - node.x) * 0.6, dy + (0.5 - node.y) * 0.6);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = len.min(temp);
            node.x += dx / len * step;
            node.y += dy / len * step;
        }
        temp *= 0.985;
    }
    // stretch the result to fill the unit square
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for nd in &net.nodes {
        (x0, y0, x1, y1) = (x0.min(nd.x), y0.min(nd.y), x1.max(nd.x), y1.max(nd.y));
    }
    for nd in &mut net.nodes {
        nd.x = (nd.x - x0) / (x1 - x0).max(1e-9);
        nd.y = (nd.y - y0) / (y1 - y0).max(1e-9);
    }
}

fn edge_class(mean: f64) -> &'static str {
    if mean < -0.5 {
        "conflict"
    } else if mean > 0.5 {
        "coop"
    } else {
        "neutral"
    }
}

/// Draw the network. `link` makes the URL an actor's name points to.
pub fn svg(net: &Network, width: f64, height: f64, link: &dyn Fn(&str) -> String) -> String {
    let (mx, my) = (110.0, 30.0);
    let pos = |n: &Node| {
        (
            mx + n.x * (width - 2.0 * mx),
            my + n.y * (height - 2.0 * my),
        )
    };
    let at: HashMap<&str, &Node> = net.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="network" id="network" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="Actor network">"#
    );
    s.push_str(r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="arrowhead"/></marker></defs><g class="edges">"#);
    let max_weight = net
        .edges
        .iter()
        .map(|e| e.goldstein_sum.abs())
        .fold(1.0f64, f64::max);
    for e in &net.edges {
        let (Some(a), Some(b)) = (at.get(e.source.as_str()), at.get(e.target.as_str())) else {
            continue;
        };
        let ((x1, y1), (x2, y2)) = (pos(a), pos(b));
        let w = 1.0 + 7.0 * (e.goldstein_sum.abs() / max_weight).sqrt();
        let title = format!(
            "{} → {}: {} events, Goldstein sum {:.1} (mean {:.1})",
            a.name, b.name, e.events, e.goldstein_sum, e.goldstein_mean
        );
        if e.source == e.target {
            let _ = write!(
                s,
                r#"<path class="edge {}" d="M{x1:.1} {:.1}a14 14 0 1 1 1 0" stroke-width="{w:.2}" data-source="{}" data-target="{}" data-goldstein="{:.2}"><title>{}</title></path>"#,
                edge_class(e.goldstein_mean),
                y1 - 8.0,
                esc(&e.source),
                esc(&e.target),
                e.goldstein_sum,
                esc(&title)
            );
            continue;
        }
        // stop the line at the target's circle so the arrowhead shows; curve
        // it a little so that A→B and B→A do not overlap
        let r = radius(b) + 2.0;
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ex, ey) = (x2 - dx / len * r, y2 - dy / len * r);
        let (cx, cy) = (
            (x1 + ex) / 2.0 - dy / len * 18.0,
            (y1 + ey) / 2.0 + dx / len * 18.0,
        );
        let _ = write!(
            s,
            r#"<path class="edge {}" d="M{x1:.1} {y1:.1}Q{cx:.1} {cy:.1} {ex:.1} {ey:.1}" stroke-width="{w:.2}" marker-end="url(#arrow)" data-source="{}" data-target="{}" data-goldstein="{:.2}"><title>{}</title></path>"#,
            edge_class(e.goldstein_mean),
            esc(&e.source),
            esc(&e.target),
            e.goldstein_sum,
            esc(&title)
        );
    }
    s.push_str("</g><g class=\"nodes\">");
    for n in &net.nodes {
        let (x, y) = pos(n);
        let _ = write!(
            s,
            r#"<a href="{}" class="node" data-id="{}"><circle cx="{x:.1}" cy="{y:.1}" r="{:.1}"><title>{} [{}]: {} events</title></circle><text x="{x:.1}" y="{:.1}">{}</text></a>"#,
            esc(&link(&n.id)),
            esc(&n.id),
            radius(n),
            esc(&n.name),
            esc(&n.code),
            n.events,
            y + radius(n) + 12.0,
            esc(&short(&n.name))
        );
    }
    s.push_str("</g></svg>");
    s
}

fn radius(n: &Node) -> f64 {
    4.0 + (n.events as f64).sqrt() * 2.0
}

fn short(name: &str) -> String {
    let mut out: String = name.chars().take(28).collect();
    if name.chars().count() > 28 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(s: &str, t: &str, n: u64, g: f64) -> ActorPair {
        ActorPair {
            source_id: s.into(),
            source_code: s.into(),
            source_name: String::new(),
            target_id: t.into(),
            target_code: t.into(),
            target_name: String::new(),
            events: n,
            goldstein_sum: g,
        }
    }

    #[test]
    fn layout_is_deterministic_and_separates_nodes() {
        let pairs = vec![
            pair("AZEMIL", "ARMMIL", 5, -50.0),
            pair("ARMMIL", "AZEMIL", 3, -30.0),
            pair("RUSGOV", "ARMGOV", 2, 6.0),
            pair("RUSGOV", "AZEGOV", 2, 6.0),
        ];
        let a = build(&pairs);
        let b = build(&pairs);
        assert_eq!(a.nodes.len(), 5);
        assert_eq!(a.edges.len(), 4);
        for (x, y) in a.nodes.iter().zip(&b.nodes) {
            assert_eq!((x.x, x.y), (y.x, y.y));
        }
        for i in 0..a.nodes.len() {
            for j in (i + 1)..a.nodes.len() {
                let d = ((a.nodes[i].x - a.nodes[j].x).powi(2)
                    + (a.nodes[i].y - a.nodes[j].y).powi(2))
                .sqrt();
                assert!(d > 0.05, "{} and {} overlap", a.nodes[i].id, a.nodes[j].id);
            }
        }
        let svg = svg(&a, 800.0, 500.0, &|id| format!("/events?actor={id}"));
        assert_eq!(svg.matches("class=\"edge conflict\"").count(), 2);
        assert_eq!(svg.matches("class=\"edge coop\"").count(), 2);
    }
}
