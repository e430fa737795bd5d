<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>AccessLogPage</name>
    <message numerus="yes">
        <source>%n active session(s). An agent sees your data only while a session is active; every look is in the log above.</source>
        <translation>
            <numerusform>%n active session. An agent sees your data only while a session is active; every look is in the log above.</numerusform>
            <numerusform>%n active sessions. An agent sees your data only while a session is active; every look is in the log above.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} and %n more</source>
        <translation>
            <numerusform>{0} and %n other thing</numerusform>
            <numerusform>{0} and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You used this app: %n reads</source>
        <translation>
            <numerusform>You used this app: %n read</numerusform>
            <numerusform>You used this app: %n reads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Click to hide these %n entries</source>
        <translation>
            <numerusform>Click to hide this %n entry</numerusform>
            <numerusform>Click to hide these %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Click to show these %n entries</source>
        <translation>
            <numerusform>Click to show this %n entry</numerusform>
            <numerusform>Click to show these %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group of %n entries</source>
        <translation>
            <numerusform>Group of %n entry</numerusform>
            <numerusform>Group of %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message numerus="yes">
        <source>Only the newest %n are listed here; the shop holds more.</source>
        <translation>
            <numerusform>Only the newest %Ln is listed here; the shop holds more.</numerusform>
            <numerusform>Only the newest %Ln are listed here; the shop holds more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeletionForm</name>
    <message numerus="yes">
        <source>{0} (%Ln record(s))</source>
        <translation>
            <numerusform>{0} (%Ln record)</numerusform>
            <numerusform>{0} (%Ln records)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FidesConsentsPanel</name>
    <message numerus="yes">
        <source>The shop has sent a code to {0}. Enter it within %n minute(s).</source>
        <translation>
            <numerusform>The shop has sent a code to {0}. Enter it within %n minute.</numerusform>
            <numerusform>The shop has sent a code to {0}. Enter it within %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message numerus="yes">
        <source>⚠ %n unread security incident notice(s): read what happened to your data.</source>
        <translation>
            <numerusform>⚠ %n unread security incident notice: read what happened to your data.</numerusform>
            <numerusform>⚠ %n unread security incident notices: read what happened to your data.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Signed in again to %n shop(s)</source>
        <translation>
            <numerusform>Signed in again to %n shop</numerusform>
            <numerusform>Signed in again to %n shops</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message numerus="yes">
        <source>⚠ %n security incident(s) announced, shown in red: read what happened and what to do.</source>
        <translation>
            <numerusform>⚠ %n security incident announced, shown in red: read what happened and what to do.</numerusform>
            <numerusform>⚠ %n security incidents announced, shown in red: read what happened and what to do.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>{0} is overdue by %n working day(s).</source>
        <translation>
            <numerusform>{0} is overdue by %n working day.</numerusform>
            <numerusform>{0} is overdue by %n working days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} is due in %n working day(s).</source>
        <translation>
            <numerusform>{0} is due in %n working day.</numerusform>
            <numerusform>{0} is due in %n working days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message numerus="yes">
        <source>Placed {0} · {1} · total {2} · %n item(s)</source>
        <translation>
            <numerusform>Placed {0} · {1} · total {2} · %n item</numerusform>
            <numerusform>Placed {0} · {1} · total {2} · %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>next due in %n working day(s)</source>
        <translation>
            <numerusform>next due in %n working day</numerusform>
            <numerusform>next due in %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n security incident(s)</source>
        <translation>
            <numerusform>%n security incident</numerusform>
            <numerusform>%n security incidents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n unread security incident notice(s) about your data: {0}</source>
        <translation>
            <numerusform>⚠ %n unread security incident notice about your data: {0}</numerusform>
            <numerusform>⚠ %n unread security incident notices about your data: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message numerus="yes">
        <source>%n request(s) from the outbox were sent.</source>
        <translation>
            <numerusform>%n request from the outbox was sent.</numerusform>
            <numerusform>%n requests from the outbox were sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The shop did not accept %n request(s) from the outbox: see “Unsent requests…”.</source>
        <translation>
            <numerusform>The shop did not accept %n request from the outbox: see “Unsent requests…”.</numerusform>
            <numerusform>The shop did not accept %n requests from the outbox: see “Unsent requests…”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) waiting to be sent</source>
        <translation>
            <numerusform>%n request waiting to be sent</numerusform>
            <numerusform>%n requests waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) the shop did not accept</source>
        <translation>
            <numerusform>%n request the shop did not accept</numerusform>
            <numerusform>%n requests the shop did not accept</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message numerus="yes">
        <source>{0} → {1}: shared %n time(s)</source>
        <translation>
            <numerusform>{0} → {1}: shared %n time</numerusform>
            <numerusform>{0} → {1}: shared %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disclosure(s) shown</source>
        <translation>
            <numerusform>%n disclosure shown</numerusform>
            <numerusform>%n disclosures shown</numerusform>
        </translation>
    </message>
</context>
</TS>
