<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessLogPage</name>
    <message>
        <source>Access log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>Activity over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No activity in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} searches and {1} product views in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product views</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddShopDialog</name>
    <message>
        <source>Add a shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of the shop&apos;s privacy service, e.g. https://shop.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shops on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or pick a shop running on this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssistDialog</name>
    <message>
        <source>Assist a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the customer to create an assist code in their app (Access log page) and read it to you. Everything you see or do is recorded in the customer&apos;s access log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number, e.g. SM100001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case reason, e.g. ticket 4711: help with a deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code has 6 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why you are assisting (it is shown to the customer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>Legal basis: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: needed to provide the service, so it cannot be switched off. The way out is cancelling your account (see Requests).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed for the service; cannot be switched off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentsPage</name>
    <message>
        <source>Consents &amp; subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop lists no purposes, channels or cookies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies &amp;&amp; tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change of consent, with the privacy-policy version in force and the shop-signed receipt. Each receipt&apos;s signature is checked against the shop&apos;s published keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advertising messages by channel. Switching a channel off stops promotions through it; service messages about your orders still arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies and similar technologies (Flash cookies, local storage, web beacons, pixel tags) the shop uses, and the consent each depends on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group cookies by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tied consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies and tracking technologies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisted session: consents are shown read-only. Only the shopper can change them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive advertising by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change was not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: advertising switched on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: advertising switched off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Request a correction: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop does not let you change this field yourself. Ask it to correct the value: it has to answer within the legal deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it came from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed value for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The correct value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why the value is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File correction request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Requests page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your correction request was filed (request {0}). The shop has to answer by {1}; you can follow it on the Requests page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not filed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in {0}:{1:02d}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Nothing here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a shop to see this page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Delete a date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To (inclusive):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every search and product view recorded on these days will be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionsPage</name>
    <message>
        <source>Automated decisions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteAllDialog</name>
    <message>
        <source>Delete all search and browsing history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes every search and product view the shop has recorded for you, not only the ones shown. It cannot be undone. Recommendations based on your history will start from nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that my whole history will be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditFieldDialog</name>
    <message>
        <source>Edit {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoadStateStack</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Privacy Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist a customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop and account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shop yet — add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacting the shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisting customer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed in as a customer-service agent. Assist a customer to see their dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assisting customer {0} — every action is recorded in their access log. {1}:{2:02d} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End assist session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available: you will need to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time the app starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy Dashboard — see and control what shops hold about you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyDataPage</name>
    <message>
        <source>My data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices &amp; policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Privacy Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request update from {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} → {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request overdue at {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is overdue by {1} working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline coming up at {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is due today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is due in {1} working days.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>any date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories of data held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search and browsing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners who received your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of them sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next due in {0} working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} security incident(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new version to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <source>Withdrawing consent stops this use from now on. It does not undo processing that already happened while your consent was in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt {0}: “{1}” {2} at {3}, under policy version {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop signature: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <source>Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop lists no partners that receive your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who receives your data, which data, why, and on what legal basis. Select a partner to see each time your data was shared with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners who receive your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times your data was shared with this partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart: which data goes to which partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left: your data by category. Right: partners. Thicker lines mean more disclosures; grey lines go to partners that only get aggregated statistics; dashed lines are declared but nothing was shared yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where each category of your data is stored: country and storage provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where your data is stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it is stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} → {1}: shared {2} time(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a partner to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal basis: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First shared: {0}   Last shared: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been shared with this partner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} disclosure(s) shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInWaitDialog</name>
    <message>
        <source>Signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your web browser to sign in to {0}. This window closes by itself when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TracksPage</name>
    <message>
        <source>My Tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interests and personalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search your history (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date (inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show records of every date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search and browsing history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected records (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete range…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By month, whole history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By week, last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By day, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches and product views over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this is on, the shop uses your search and browsing history and your interest tags to choose the products and offers it shows you. When it is off, you see the same recommendations as everyone else; your history stays until you delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop infers these tags from what you do and uses them to place you in “crowd portraits”: groups of shoppers with similar interests. They are guesses, not something you told the shop. Removing a tag asks the shop to stop using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No search or browsing records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load more: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loaded, loading more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loaded (all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} loaded; scroll down for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop holds no interest tags for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this record?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the {0} selected records?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every record from {0} to {1}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes all searches and product views of these days, including those not shown with the current filters. It cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop holds {0} records for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 record deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} records deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove interest tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the interest tag “{0}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop will be asked to stop using this tag for your recommendations and crowd portraits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag “{0}” removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations are on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations are off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations: on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised recommendations: off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Signed in again to {0} shop(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo shops…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo shops could not start: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
