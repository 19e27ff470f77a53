/**
 * The web pages for people: the overview at {@code /} and the statistics at {@code /stats}, static
 * HTML with a little vanilla JavaScript that reads the JSON endpoints ({@code /json/v1/overview.json},
 * {@code /api/v1/stats/summary}, the chart data under {@code /api/v1/…}) and draws its own charts as
 * inline SVG. Everything they load comes from this server ({@code /static/…}); no CDN.
 */
package org.openwrt.asu.interfaces.web;
