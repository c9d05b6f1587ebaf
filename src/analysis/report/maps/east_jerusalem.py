"""Map 3: East Jerusalem, the municipality, the Green Line and the
neighbourhoods named in settlement announcements."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import shapely

from analysis.geography.ground import Ground
from analysis.geography.sites import old_city
from analysis.report import theme
from analysis.report.glue import in_series, in_words
from analysis.report.maps import labels
from analysis.report.maps.geometry import MapFrame, coverage_for_display, for_display, seams_closed, single
from analysis.report.maps.labels import Name, Obstacles
from analysis.report.maps.layers import (
    EAST_JERUSALEM_LEGEND,
    GREEN_LINE,
    GREEN_LINE_LEGEND,
    MUNICIPALITY,
    PrintKey,
    area_layer,
    area_legend,
    finish,
    frame_background,
    line_casing,
    line_layer,
    line_legend,
    marker_radius_px,
    proportional_area,
    scale_bar,
    scale_bar_line,
)
from analysis.report.maps.locator import NATIONAL_REGION, locator, locator_box, national_land

EAST_JERUSALEM = MapFrame(
    extent=(35.08, 31.695, 35.29, 31.89), tolerance_m=10.0, decimals=5, scale_bar_km=2.0, min_hole_km2=0.05, scale_bar_at=(0.74, 0.93)
)
LOCATOR_CORNER = "top-left"
MUNICIPALITY_LEGEND = "Jerusalem municipality (2015)"
NEIGHBOURHOOD_LEGEND = "Neighbourhood with announced units"
NEIGHBOURHOOD_EDGE = theme.MAP_TEXT  # 3:1 or more from the city's tints on both pages
# The areas drawn with an edge, which no name may cross.
EDGED_AREAS = ("israel", "west_bank", "east_jerusalem", "named", "old_city")
UNIT_SIZES = (30, 900)  # marker areas (px²) from no units to the most
AREA_NAMES = (
    ("WEST BANK", "territory", 35.265, 31.86, "west_bank"),
    ("West Jerusalem", "city", 35.15, 31.775, "israel"),
)


def map_east_jerusalem(ground: Ground, sites: pd.DataFrame, palestinian_neighbourhoods: pd.DataFrame) -> alt.LayerChart:
    """The municipality, the Green Line, the annexed area, the Old City and
    the neighbourhoods named in announcements, sized by housing units announced.
    `sites` is analysis.geography.sites.units_at_sites: one row per site with
    its units, its neighbourhood (Hebrew) and its point; `palestinian_neighbourhoods`, the
    Palestinian neighbourhoods the map names (name, lon, lat: analysis.geography.places). Draws only."""
    m = EAST_JERUSALEM
    markers = (
        sites.groupby(["lon", "lat"], as_index=False)
        .agg(units=("units", "sum"), label=("site", " / ".join), in_east_jerusalem=("in_east_jerusalem", "first"))
        .assign(
            side=lambda frame: np.where(frame["in_east_jerusalem"], "in East Jerusalem, beyond the Green Line", "outside East Jerusalem")
        )
    )
    largest = int(markers["units"].max())
    size_legend_values = [value for value in (100, 500, 1000, 2000, 5000) if value <= largest] or [largest]
    unit_scale = alt.Scale(domain=[0, largest], range=[proportional_area(area) for area in UNIT_SIZES])
    unit_key = alt.Legend(format=",d", values=size_legend_values, symbolType="circle", symbolStrokeWidth=1.5)
    areas = area_legend(
        {
            "West Jerusalem and Israel": theme.LAND_ISRAEL,
            "West Bank": theme.LAND_PALESTINE,
            EAST_JERUSALEM_LEGEND: theme.LAND_EAST_JERUSALEM,
            NEIGHBOURHOOD_LEGEND: theme.NEIGHBOURHOOD,
            # The walled city in the names' ink: in the dark grey it stood 1.4 steps from the neighbourhoods' fill,
            # which a reader took it for (13.9 apart in CIEDE2000 on the light page, 10.8 on the dark; now 24.8 and 16.3).
            "Old City": theme.MAP_TEXT,
        }
    )
    lines = line_legend({GREEN_LINE_LEGEND: GREEN_LINE, MUNICIPALITY_LEGEND: MUNICIPALITY})
    # The city fills its frame to every edge but the West Bank's: in print the key goes under the map.
    key = PrintKey("bottom")
    neighbourhoods = ground.neighbourhoods.dissolve(by="SCHN_NAME").reset_index()
    named = neighbourhoods[neighbourhoods["SCHN_NAME"].isin(set(sites["neighbourhood_in_hebrew"].dropna()))]
    english_by_hebrew = sites.dropna(subset=["neighbourhood_in_hebrew"]).groupby("neighbourhood_in_hebrew")["site"].agg(" / ".join)
    named = named.assign(name=named["SCHN_NAME"].map(english_by_hebrew) + " (" + named["SCHN_NAME"] + ")", legend=NEIGHBOURHOOD_LEGEND)
    # Drawn within East Jerusalem only: the municipality's Ramot and Gilo run over the Green Line into West
    # Jerusalem, where the fill read as units announced west of the line (every site lies east of it).
    named = named.assign(geometry=named.geometry.intersection(shapely.union_all(ground.east_jerusalem.geometry.values)))
    shown = coverage_for_display(
        {
            "israel": ground.israel.assign(legend="West Jerusalem and Israel")[["name", "legend", "geometry"]],
            "west_bank": ground.west_bank.assign(legend="West Bank")[["name", "legend", "geometry"]],
        },
        m,
    )
    # A gap of 0.07 km² in West Jerusalem between the sources' shapes showed the frame's sea-blue background.
    shown |= seams_closed(shown, m)
    shown["east_jerusalem"] = for_display(ground.east_jerusalem.assign(legend=EAST_JERUSALEM_LEGEND)[["name", "legend", "geometry"]], m)
    shown["named"] = for_display(named[["name", "legend", "geometry"]], m)
    shown["old_city"] = for_display(single(old_city(ground), name="Old City", legend="Old City"), m)
    municipality = for_display(
        single(shapely.union_all(ground.municipality.geometry.values).boundary, name=MUNICIPALITY_LEGEND, legend=MUNICIPALITY_LEGEND), m
    )
    green_line = for_display(
        ground.green_line.query("territory == 'West Bank'").assign(legend=GREEN_LINE_LEGEND)[["name", "legend", "geometry"]], m
    )

    radius = {
        row.label: marker_radius_px(UNIT_SIZES[0] + (UNIT_SIZES[1] - UNIT_SIZES[0]) * row.units / largest) + 1
        for row in markers.itertuples()
    }
    box = locator_box(m, NATIONAL_REGION, LOCATOR_CORNER, 0.2)
    within = {name: shapely.union_all(frame.geometry.values) for name, frame in shown.items()}
    walls = within["old_city"]
    names = [Name(text, rank, lon, lat, within=within[key]) for text, rank, lon, lat, key in AREA_NAMES]
    # Names of places beyond the line stay on that side of it.
    beyond = shapely.union_all([within["east_jerusalem"], within["west_bank"]])
    names.append(Name("Old City", "city", walls.centroid.x, walls.centroid.y, within=beyond, points=True))
    names += [
        Name(row.label, "marker", row.lon, row.lat, marker_px=radius[row.label], proportional=True, within=beyond)
        for row in markers.itertuples()
    ]
    names += [
        Name(row.name, "neighbourhood", row.lon, row.lat, within=within["east_jerusalem"])
        for row in palestinian_neighbourhoods.itertuples()
    ]
    obstacles = Obstacles(
        markers=[],
        proportional_markers=[(row.lon, row.lat, radius[row.label]) for row in markers.itertuples()],
        lines=[
            *(geometry.boundary for key in EDGED_AREAS for geometry in shown[key].geometry),
            *municipality.geometry,
            *green_line.geometry,
        ],
        scale_bar=scale_bar_line(m),
        keep_out=[box],
        named_areas=list(shown["named"].geometry),
    )
    name_marks, _ = labels.name_layers(names, obstacles, m, key)
    layers = [
        frame_background(m, fill=theme.LAND_OTHER),  # no sea in this frame: a sliver the areas leave is never drawn as water
        area_layer(shown["israel"], areas),
        area_layer(shown["west_bank"], areas),
        area_layer(shown["east_jerusalem"], areas, stroke=theme.LAND_LINE, stroke_width=1),
        # Opaque, as its key shows it, and edged dark: at 60% over the city's tints it stood 1.2:1 from them.
        area_layer(shown["named"], areas, stroke=NEIGHBOURHOOD_EDGE, stroke_width=0.8, tooltip="Neighbourhood"),
        area_layer(shown["old_city"], areas, stroke=theme.MAP_TEXT, stroke_width=0.8),
        line_layer(municipality, lines, MUNICIPALITY, tooltip="Boundary"),
        line_casing(green_line, GREEN_LINE),
        line_layer(green_line, lines, GREEN_LINE),
        # Light circles edged dark, the units the map is about: dark grey ones stood 1.5:1 on the neighbourhoods' grey.
        # An unfilled point given a fill: Vega-Lite draws a filled circle's key without its edge.
        alt.Chart(markers)
        .mark_point(shape="circle", filled=False, color=theme.MAP_TEXT, fill=theme.HALO, fillOpacity=0.9, strokeWidth=1.5, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("units:Q", title="Housing units announced", scale=unit_scale, legend=unit_key),
            tooltip=[
                alt.Tooltip("label:N", title="Site"),
                alt.Tooltip("units:Q", title="Units announced", format=",d"),
                alt.Tooltip("side:N", title="Location"),
            ],
        ),
        *name_marks,
        scale_bar(m),
        locator(national_land(ground), NATIONAL_REGION, m, LOCATOR_CORNER),
    ]
    description = (
        "Map of Jerusalem. The municipal boundary is a dotted dark grey line, the 1949 armistice line a heavy dashed "
        "green line, and the area annexed in 1967 (East Jerusalem) is shaded a darker sand; the Old City is the small dark "
        f"patch on the line. The Palestinian neighbourhoods ({in_series(list(palestinian_neighbourhoods['name']))}) are named in italics "
        "where they fit. A locator in the upper left corner outlines the map's frame within Israel and the Palestinian "
        "territories. Circles (white, edged dark), sized by the number of housing units announced, mark the "
        f"{in_words(len(markers))} places the announcements name (sites at one place share a circle): "
        + in_series([f"{row.label} ({row.units:,})" for row in markers.sort_values("units", ascending=False).itertuples()])
        + "."
    )
    return finish(layers, m, description, key)
