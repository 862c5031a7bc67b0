//! Distances on the Earth's surface.

/// Mean Earth radius in kilometres.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in kilometres between two points given in decimal
/// degrees (haversine formula on a sphere of [`EARTH_RADIUS_KM`]).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    EARTH_RADIUS_KM * 2.0 * a.sqrt().atan2((1.0 - a).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        assert_eq!(distance_km(12.65, -8.0, 12.65, -8.0), 0.0);
        // Bamako – Timbuktu, about 710 km.
        let d = distance_km(12.65, -8.0, 16.77, -3.01);
        assert!((700.0..720.0).contains(&d), "{d}");
        // Half the globe along the equator, and across the antimeridian.
        let half = distance_km(0.0, 0.0, 0.0, 180.0);
        assert!((half - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
        assert!(distance_km(0.0, 179.5, 0.0, -179.5) < 112.0);
        // Symmetric.
        assert_eq!(
            distance_km(34.5, 69.2, 31.6, 65.7),
            distance_km(31.6, 65.7, 34.5, 69.2)
        );
    }
}
